import { passwordMatches } from "../login/check-password.ts";
import type { SessionDeps } from "../sessions/manage-sessions.ts";
import { createUserVerifier } from "../users/user-verifiers.ts";
import type { UserRow } from "../users/user-wire.ts";
import { endOtherSessions } from "./own-sessions.ts";

export type OwnPasswordOutcome = { status: "ok"; endedSessions: number } | { status: "wrong" };

/**
 * Changes the user's own password: the current one must match, the new one must already have
 * passed the password rules. The verifier is replaced as the Core API replaces it
 * (`user.password.changed`), then every other sign-in of the user ends (`password_changed`).
 */
export async function changeOwnPassword(
  deps: SessionDeps,
  user: UserRow,
  passwords: { current: string; next: string },
  keepSessionId: string,
): Promise<OwnPasswordOutcome> {
  if (!(await passwordMatches(deps.db, user, passwords.current))) return { status: "wrong" };
  await createUserVerifier(
    deps.db,
    deps.ctx,
    "",
    { issuerId: deps.issuerId, userId: user.id, issuerName: "" },
    { type: "password", password: passwords.next },
  );
  const later = { ...deps, ctx: { ...deps.ctx, now: deps.ctx.now + 1 } };
  const endedSessions = await endOtherSessions(later, user.id, keepSessionId, "password_changed");
  return { status: "ok", endedSessions };
}
