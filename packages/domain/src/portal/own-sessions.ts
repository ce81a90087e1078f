import { notFound } from "../errors.ts";
import { recordEvents } from "../events/record-events.ts";
import type { SessionView } from "../oauth/issuer-store-contract.ts";
import { listUserSessions, revokeSession, type SessionDeps } from "../sessions/manage-sessions.ts";
import { sessionEventRows } from "../sessions/session-events.ts";

/** Why the portal ended a session, as `session.terminated` events carry it. */
export const SIGNED_OUT_BY_USER = "user_signed_out";

/** The user's live sign-ins (op sessions), newest first: what the portal lists. */
export async function listOwnSessions(
  deps: Pick<SessionDeps, "store" | "ctx">,
  userId: string,
): Promise<SessionView[]> {
  const all = await listUserSessions(deps, userId, { status: "active" });
  return all.filter((s) => s.type === "op").sort((a, b) => b.authTime - a.authTime);
}

/**
 * Ends one of the user's own sign-ins (with its apps' sessions), as the Core API's revoke
 * does. A session of another user is not found, so its existence is not revealed.
 */
export async function endOwnSession(deps: SessionDeps, userId: string, sessionId: string) {
  const session = await deps.store.getSession(sessionId, deps.ctx.now);
  if (!session || session.userId !== userId || session.type !== "op") throw notFound("Session");
  return revokeSession(deps, sessionId, SIGNED_OUT_BY_USER);
}

/**
 * Ends every live sign-in of the user except `keepId` (the one in use), with one
 * `session.terminated` per ended session in one batch; returns how many sign-ins ended.
 */
export async function endOtherSessions(
  deps: SessionDeps,
  userId: string,
  keepId: string,
  reason = SIGNED_OUT_BY_USER,
): Promise<number> {
  const others = (await listOwnSessions(deps, userId)).filter((s) => s.id !== keepId);
  const ended: SessionView[] = [];
  for (const session of others) {
    ended.push(...(await deps.store.endSession(session.id, reason, deps.ctx.now)));
  }
  await recordEvents(
    deps.db,
    sessionEventRows(deps.ctx, deps.issuerId, "session.terminated", ended, reason),
  );
  return others.length;
}
