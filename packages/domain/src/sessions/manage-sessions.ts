import { z } from "zod";
import type { Db } from "../db/client.ts";
import { notFound } from "../errors.ts";
import type { MutationContext } from "../events/event.ts";
import { recordEvents } from "../events/record-events.ts";
import type { IssuerStoreRpc, SessionView } from "../oauth/issuer-store-contract.ts";
import { sessionEventRows } from "./session-events.ts";

export const SESSION_STATUSES = ["active", "suspended", "revoked", "expired"] as const;

export const SessionFilters = z.object({ status: z.enum(SESSION_STATUSES).optional() });

export const RevokeSessionInput = z
  .strictObject({ reason: z.string().trim().min(1).max(1000).optional() })
  .prefault({});

type SessionStore = Pick<
  IssuerStoreRpc,
  | "getSession"
  | "listSessions"
  | "endSession"
  | "setSuspended"
  | "endUserSessions"
  | "beginUserWrite"
  | "endUserWrite"
>;

/** What the Core API needs to manage an issuer's sessions: its store stub and D1. */
export interface SessionDeps {
  db: Db;
  store: SessionStore;
  issuerId: string;
  ctx: MutationContext;
}

export async function listUserSessions(
  deps: Pick<SessionDeps, "store" | "ctx">,
  userId: string,
  filters: z.output<typeof SessionFilters>,
): Promise<SessionView[]> {
  const all = await deps.store.listSessions({ userId }, deps.ctx.now);
  return filters.status ? all.filter((s) => s.status === filters.status) : all;
}

export async function getSession(
  deps: Pick<SessionDeps, "store" | "ctx">,
  sessionId: string,
): Promise<SessionView> {
  const session = await deps.store.getSession(sessionId, deps.ctx.now);
  if (!session) throw notFound("Session");
  return session;
}

async function record(
  deps: SessionDeps,
  type: "session.terminated" | "session.updated",
  changed: SessionView[],
  reason: string,
) {
  await recordEvents(deps.db, sessionEventRows(deps.ctx, deps.issuerId, type, changed, reason));
}

/**
 * Revokes a session for good; an op session takes its rp sessions (and so their refresh
 * tokens) with it. Revoking an ended session changes nothing and still answers with it.
 */
export async function revokeSession(
  deps: SessionDeps,
  sessionId: string,
  reason = "admin_revoked",
): Promise<SessionView> {
  await getSession(deps, sessionId);
  const ended = await deps.store.endSession(sessionId, reason, deps.ctx.now);
  await record(deps, "session.terminated", ended, reason);
  return getSession(deps, sessionId);
}

/** Suspends (or reactivates) a session tree; a suspended session cannot be used meanwhile. */
export async function suspendSession(
  deps: SessionDeps,
  sessionId: string,
  suspended: boolean,
): Promise<SessionView> {
  await getSession(deps, sessionId);
  const changed = await deps.store.setSuspended(sessionId, suspended, deps.ctx.now);
  await record(deps, "session.updated", changed, suspended ? "suspended" : "reactivated");
  return getSession(deps, sessionId);
}

/**
 * Ends every live session of a user in the store and returns their `session.terminated` rows,
 * for the caller to write in the D1 batch of the change that ended them.
 */
export async function endUserSessions(
  deps: SessionDeps,
  userId: string,
  reason: "user_blocked" | "user_deleted",
) {
  const ended = await deps.store.endUserSessions(userId, reason, deps.ctx.now);
  return sessionEventRows(deps.ctx, deps.issuerId, "session.terminated", ended, reason);
}
