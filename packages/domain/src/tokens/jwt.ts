import { CompactSign, decodeProtectedHeader, type JWTPayload, jwtVerify } from "jose";
import type { SigningAlg } from "../clients/client-settings.ts";
import { toBase64Url, utf8 } from "../crypto/encoding.ts";
import { randomToken } from "../crypto/hash.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { recallVerified, rememberVerified } from "./verified-jwts.ts";

export const JWT_ALGS = ["ES256", "EdDSA", "RS256"] as const;

/** A random `jti` of 18 characters (docs/decisions/wire-contract.md §4), 108 bits. */
export function newJti(): string {
  return randomToken(16).slice(0, 18);
}

const NUMERIC_DATES = ["iat", "nbf", "exp"] as const;

/**
 * Signs claims with the newest key of `alg`; `typ` only on access tokens (RFC 9068 §2.1). The
 * claims are ours, so they are serialised as they are and signed as a compact JWS (RFC 7519
 * §7.1): jose's JWT builder would copy them first (`structuredClone`), a tenth of a token
 * request's signing time (docs/decisions/token-paths.md). Its one check that matters here, that
 * the dates are finite numbers (JSON would write NaN as null), stays.
 */
export async function signJwt(
  ring: KeyRing,
  alg: SigningAlg,
  claims: JWTPayload,
  typ?: string,
): Promise<string> {
  for (const claim of NUMERIC_DATES) {
    const value = claims[claim];
    if (value !== undefined && !Number.isFinite(value)) {
      throw new TypeError(`the "${claim}" claim must be a finite number`);
    }
  }
  const { kid, key } = await ring.signingKey(alg);
  return new CompactSign(utf8(JSON.stringify(claims)))
    .setProtectedHeader({ alg, kid, ...(typ ? { typ } : {}) })
    .sign(key);
}

/**
 * Verifies a JWT this deployment signed for `issuer`. Returns null for anything that is not a
 * valid, unexpired token of ours, so callers answer with one uniform error.
 */
export async function verifyOwnJwt(
  ring: KeyRing,
  token: string,
  options: { issuer: string; now: number; typ?: string; allowExpired?: boolean },
): Promise<{ payload: JWTPayload; typ: string | undefined } | null> {
  const recalled = recallVerified(ring, token, options);
  if (recalled !== undefined) return recalled;
  try {
    const header = decodeProtectedHeader(token);
    const jwk = header.kid ? ring.publicKey(header.kid) : undefined;
    if (!jwk || !header.alg || !(JWT_ALGS as readonly string[]).includes(header.alg)) return null;
    if (jwk.alg !== header.alg || !header.kid) return null;
    const key = await ring.verificationKey(header.kid);
    if (!key) return null;
    const { payload } = await jwtVerify(token, key, {
      issuer: options.issuer,
      algorithms: [header.alg],
      currentDate: new Date(options.now),
      ...(options.typ ? { typ: options.typ } : {}),
      ...(options.allowExpired ? { clockTolerance: Number.MAX_SAFE_INTEGER } : {}),
    });
    rememberVerified(token, { payload, typ: header.typ, kid: header.kid, alg: header.alg });
    return { payload, typ: header.typ };
  } catch {
    return null;
  }
}

/** `at_hash` (OIDC Core §3.1.3.6): left half of the token's hash; SHA-512 for Ed25519. */
export async function accessTokenHash(accessToken: string, alg: SigningAlg): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest(alg === "EdDSA" ? "SHA-512" : "SHA-256", utf8(accessToken)),
  );
  return toBase64Url(digest.slice(0, digest.length / 2));
}
