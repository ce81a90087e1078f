import { sha256Base64Url } from "@authpi/domain/crypto";
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

/** A client's DPoP key pair (RFC 9449 §4.2), with its public JWK and thumbprint. */
export interface DpopKey {
  privateKey: CryptoKey;
  publicJwk: JWK;
  jkt: string;
  alg: string;
}

export async function dpopKey(alg = "ES256"): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { privateKey, publicJwk, jkt: await calculateJwkThumbprint(publicJwk), alg };
}

/** What a test may change in a proof: any claim, the header, the clock. */
export interface ProofOptions {
  htm?: string;
  htu: string;
  accessToken?: string;
  nonce?: string;
  jti?: string;
  iat?: number;
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
}

/** Signs a DPoP proof as a client would (RFC 9449 §4.2); options break one rule at a time. */
export async function dpopProof(key: DpopKey, options: ProofOptions): Promise<string> {
  const claims: Record<string, unknown> = {
    htm: options.htm ?? "POST",
    htu: options.htu,
    jti: options.jti ?? crypto.randomUUID(),
    ...(options.nonce ? { nonce: options.nonce } : {}),
    ...(options.accessToken ? { ath: await sha256Base64Url(options.accessToken) } : {}),
    ...options.claims,
  };
  return new SignJWT(claims)
    .setProtectedHeader({ typ: "dpop+jwt", alg: key.alg, jwk: key.publicJwk, ...options.header })
    .setIssuedAt(options.iat ?? Math.floor(Date.now() / 1000))
    .sign(key.privateKey);
}
