import { sha256Base64Url, timingSafeEqual } from "../crypto/hash.ts";

/** RFC 7636 §4.1: 43–128 characters of the unreserved set. */
const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;
/** RFC 7636 §4.2: a base64url SHA-256 digest is 43 characters. */
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function isValidCodeChallenge(value: string): boolean {
  return CHALLENGE.test(value);
}

/** True when `verifier` hashes (S256) to `challenge` (RFC 7636 §4.6). */
export async function verifyPkce(challenge: string, verifier: string): Promise<boolean> {
  if (!VERIFIER.test(verifier)) return false;
  return timingSafeEqual(await sha256Base64Url(verifier), challenge);
}
