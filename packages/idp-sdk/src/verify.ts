import { createRemoteJWKSet, customFetch, type JWTPayload, jwtVerify } from "jose";
import { TokenVerificationError } from "./errors.ts";

export const ALGORITHMS = ["ES256", "EdDSA", "RS256"];

export type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** The issuer's JWKS, cached by jose and refetched when an unknown `kid` shows up. */
export function keySet(jwksUri: string, fetcher: typeof fetch): KeySet {
  return createRemoteJWKSet(new URL(jwksUri), {
    [customFetch]: (url: string, options: RequestInit) => fetcher(url, options),
  } as Parameters<typeof createRemoteJWKSet>[1]);
}

/** Verifies an ID token (OIDC Core §3.1.3.7): signature, `iss`, `aud`, `exp`, `nonce`. */
export async function verifyIdToken(
  keys: KeySet,
  token: string,
  expected: { issuer: string; clientId: string; nonce?: string | undefined },
): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer: expected.issuer,
      audience: expected.clientId,
      algorithms: ALGORITHMS,
    }));
  } catch (error) {
    throw new TokenVerificationError(`ID token rejected: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce) {
    throw new TokenVerificationError("ID token nonce does not match the authorization request");
  }
  return payload;
}

/**
 * Verifies an access token for a resource server (RFC 9068 §4): signature by `kid`, then
 * `typ: at+jwt`, `iss`, `aud` and `exp`, in the order AuthPI documents.
 */
export async function verifyAccessJwt(
  keys: KeySet,
  token: string,
  expected: { issuer: string; audience: string | string[]; now?: Date | undefined },
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keys, {
      ...(expected.now ? { currentDate: expected.now } : {}),
      typ: "at+jwt",
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: ALGORITHMS,
    });
    return payload;
  } catch (error) {
    throw new TokenVerificationError(`access token rejected: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
