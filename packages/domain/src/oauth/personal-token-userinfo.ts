import type { Db } from "../db/client.ts";
import { DomainError } from "../errors.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { checkPersonalToken } from "../tokens/personal-token-jwt.ts";
import type { PersonalTokenStore } from "../tokens/personal-token-store.ts";
import { userClaims } from "../tokens/user-claims.ts";
import { readClaimsSnapshot, subjectOf } from "./grants/load-grant-user.ts";

/**
 * UserInfo for a personal token (`Bearer ptk_…`): the user it stands for, with the claims its
 * scopes name (OIDC Core §5.4) and every organization, read fresh. Revoked, expired or
 * another issuer's tokens and blocked users get `invalid_token` (RFC 6750 §3.1).
 */
export async function personalTokenUserInfo(
  deps: {
    db: Db;
    ring: KeyRing;
    store: Pick<PersonalTokenStore, "findPersonalTokenByJti">;
    issuerUrl: string;
    issuerId: string;
    now: number;
  },
  token: string,
): Promise<Record<string, unknown>> {
  const checked = await checkPersonalToken(deps, token);
  if (checked.status !== "active") {
    throw new DomainError("INVALID_TOKEN", "the personal token is invalid, expired or revoked");
  }
  const { userId } = checked.record;
  const snapshot = await readClaimsSnapshot(deps.db, deps.issuerId, userId);
  const subject = subjectOf(snapshot, userId, {
    orgId: null,
    policy: { mode: "all", allowlist: [] },
  });
  if (!subject) throw new DomainError("INVALID_TOKEN", "the personal token is no longer valid");
  const { user, organizations } = subject;
  return { ...userClaims(user, checked.record.scopes), sub: user.id, organizations };
}
