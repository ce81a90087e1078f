import type { KeyRing } from "../signing-keys/key-ring.ts";
import { verifyOwnJwt } from "../tokens/jwt.ts";

/** The claims of an `id_token_hint` that name the user and their session. */
export interface IdTokenHint {
  sub: string;
  aud: string;
  sid: string | null;
}

/**
 * Reads an `id_token_hint` (OIDC Core §3.1.2.1, RP-Initiated Logout 1.0 §2): an ID token this
 * issuer signed with a key of its ring, for this issuer, expired or not (both specs accept an
 * expired one). Null for anything else: garbage, a foreign signature, an access token (`typ`).
 */
export async function verifyIdTokenHint(
  ring: KeyRing,
  token: string,
  options: { issuer: string; now: number },
): Promise<IdTokenHint | null> {
  const verified = await verifyOwnJwt(ring, token, { ...options, allowExpired: true });
  const claims = verified?.payload;
  if (!claims || verified.typ !== undefined || claims.auth_time === undefined) return null;
  if (typeof claims.sub !== "string" || typeof claims.aud !== "string") return null;
  return {
    sub: claims.sub,
    aud: claims.aud,
    sid: typeof claims.sid === "string" ? claims.sid : null,
  };
}
