import { toBase64 } from "../crypto/encoding.ts";
import { randomToken } from "../crypto/hash.ts";
import { open, seal } from "../crypto/sealed-box.ts";

const SIGNATURE = "webhook-signature-secret";
const BEARER = "webhook-bearer-token";

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export function newBearerToken(): string {
  return `whb_${randomToken(32)}`;
}

export const hint = (secret: string) => `...${secret.slice(-6)}`;

export const sealSigningSecret = (key: string, secret: string) => seal(key, SIGNATURE, secret);
export const openSigningSecret = (key: string, sealed: string) => open(key, SIGNATURE, sealed);
export const sealBearerToken = (key: string, token: string) => seal(key, BEARER, token);
export const openBearerToken = (key: string, sealed: string) => open(key, BEARER, sealed);
