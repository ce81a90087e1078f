import type { JWTPayload } from "jose";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { signJwt, verifyOwnJwt } from "./jwt.ts";
import type { PersonalTokenRecord, PersonalTokenStore } from "./personal-token-store.ts";

/** AuthPI's spelling of a personal token: `ptk_` and a JWT. */
export const PERSONAL_TOKEN_PREFIX = "ptk_";
/** Its own `typ`, so no verifier of access tokens (`at+jwt`, RFC 9068 §4) takes it for one. */
export const PERSONAL_TOKEN_TYP = "pat+jwt";

/** The token a user's script presents: our signature over who, what and until when. */
export async function mintPersonalToken(
  ring: KeyRing,
  issuerUrl: string,
  record: PersonalTokenRecord,
): Promise<string> {
  const jwt = await signJwt(
    ring,
    "ES256",
    {
      iss: issuerUrl,
      sub: record.userId,
      aud: record.audience ?? issuerUrl,
      iat: Math.floor(record.createdAt / 1000),
      exp: Math.floor(record.expiresAt / 1000),
      jti: record.jti,
      scope: record.scopes.join(" "),
      dat: { type: "token" },
    },
    PERSONAL_TOKEN_TYP,
  );
  return `${PERSONAL_TOKEN_PREFIX}${jwt}`;
}

export type PersonalTokenCheck =
  | { status: "active"; record: PersonalTokenRecord; claims: JWTPayload }
  | { status: "revoked" | "expired"; record: PersonalTokenRecord }
  | { status: "invalid" | "not_found" };

/**
 * Checks a presented personal token: our signature, `iss` and `typ` first, then the record in
 * the issuer's store (found by `jti`, same user), which says revoked or expired.
 */
export async function checkPersonalToken(
  deps: {
    ring: KeyRing;
    store: Pick<PersonalTokenStore, "findPersonalTokenByJti">;
    issuerUrl: string;
    now: number;
  },
  presented: string,
): Promise<PersonalTokenCheck> {
  if (!presented.startsWith(PERSONAL_TOKEN_PREFIX)) return { status: "invalid" };
  const verified = await verifyOwnJwt(deps.ring, presented.slice(PERSONAL_TOKEN_PREFIX.length), {
    issuer: deps.issuerUrl,
    now: deps.now,
    typ: PERSONAL_TOKEN_TYP,
    allowExpired: true,
  });
  const claims = verified?.payload;
  const dat = claims?.dat as { type?: unknown } | undefined;
  if (!claims || dat?.type !== "token" || typeof claims.jti !== "string") {
    return { status: "invalid" };
  }
  const record = await deps.store.findPersonalTokenByJti(claims.jti);
  if (!record || record.userId !== claims.sub) return { status: "not_found" };
  if (record.status === "revoked") return { status: "revoked", record };
  if (record.expiresAt <= deps.now) return { status: "expired", record };
  return { status: "active", record, claims };
}
