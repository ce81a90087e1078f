import { toBase64Url, utf8 } from "../../crypto/encoding.ts";
import { timingSafeEqual } from "../../crypto/hash.ts";

/** A nonce is good for the window it was minted in and the next one (RFC 9449 §8). */
export const DPOP_NONCE_WINDOW_S = 300;
/** In the last minute of a window the server hands out the next window's nonce (§8.2). */
const FRESH_BEFORE_END_S = 60;

const keys = new Map<string, Promise<CryptoKey>>();

/**
 * The issuer's nonce key: HMAC-SHA256 derived by HKDF from the deployment's key-encryption
 * secret with the issuer id in the label, as sealed values derive theirs, so a nonce of one
 * issuer is worthless at another and nothing is stored (docs/decisions/dpop.md).
 */
function nonceKey(secret: string, issuerId: string): Promise<CryptoKey> {
  const label = `dpop-nonce:${issuerId}`;
  const cacheKey = `${label}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    if (keys.size > 1000) keys.clear();
    key = crypto.subtle
      .importKey("raw", utf8(secret), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey(
          { name: "HKDF", hash: "SHA-256", salt: utf8("authpi-edge"), info: utf8(label) },
          base,
          { name: "HMAC", hash: "SHA-256", length: 256 },
          false,
          ["sign"],
        ),
      );
    keys.set(cacheKey, key);
  }
  return key;
}

/** Where the secret and the issuer come from: passed in, as the domain reads no `env`. */
export interface NonceIssuer {
  secret: string;
  issuerId: string;
}

function windowOf(now: number): number {
  return Math.floor(now / 1000 / DPOP_NONCE_WINDOW_S);
}

async function nonceFor(issuer: NonceIssuer, window: number): Promise<string> {
  const key = await nonceKey(issuer.secret, issuer.issuerId);
  const mac = await crypto.subtle.sign("HMAC", key, utf8(`${window}`));
  return `${window.toString(36)}.${toBase64Url(new Uint8Array(mac).slice(0, 18))}`;
}

/** The nonce to hand out now: the current window's, or the next one's near its end. */
export function currentDpopNonce(issuer: NonceIssuer, now: number): Promise<string> {
  const window = windowOf(now);
  const nearEnd = (now / 1000) % DPOP_NONCE_WINDOW_S >= DPOP_NONCE_WINDOW_S - FRESH_BEFORE_END_S;
  return nonceFor(issuer, nearEnd ? window + 1 : window);
}

/** Whether to send a fresh `DPoP-Nonce` with a success (§8.2): in the last minute of a window. */
export function dpopNonceNearEnd(now: number): boolean {
  return (now / 1000) % DPOP_NONCE_WINDOW_S >= DPOP_NONCE_WINDOW_S - FRESH_BEFORE_END_S;
}

/** True for this issuer's nonce of the previous, current or (handed out early) next window. */
export async function dpopNonceValid(
  issuer: NonceIssuer,
  nonce: string,
  now: number,
): Promise<boolean> {
  const window = Number.parseInt(nonce.split(".")[0] ?? "", 36);
  const current = windowOf(now);
  if (!Number.isSafeInteger(window) || window < current - 1 || window > current + 1) return false;
  return timingSafeEqual(nonce, await nonceFor(issuer, window));
}
