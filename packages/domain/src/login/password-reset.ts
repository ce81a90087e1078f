import { and, eq } from "drizzle-orm";
import { hashPassword } from "../crypto/password.ts";
import { runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events, userVerifiers } from "../db/schema.ts";
import { PASSWORD_RESET_TTL_MS } from "../email-tokens/email-token.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { recordEvents } from "../events/record-events.ts";
import { newId } from "../ids.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import { sessionEventRows } from "../sessions/session-events.ts";
import { getUser } from "../users/manage-users.ts";
import type { UserRow } from "../users/user-wire.ts";
import { usernameCandidates } from "./check-password.ts";
import { requestEmailedLink } from "./emailed-link-request.ts";
import { credentialKey } from "./lockout.ts";

export interface ResetDeps {
  db: Db;
  store: IssuerStoreRpc;
  issuerId: string;
  ctx: MutationContext;
}

export type ResetRequestOutcome =
  /** `mail` is set only when an active account with a mail address exists: send it. */
  | { status: "accepted"; mail: { to: string; token: string; user: UserRow } | null }
  | { status: "throttled"; retryAfterMs: number };

/**
 * Asks for a reset link. Known or unknown address, the same work is done (a user lookup, a
 * token made and stored, the rate limits counted on the address as typed), so the answer and
 * its timing do not tell whether an account exists; no event is recorded (it would be an
 * outcome an observer of webhooks could read). `payload` is what the journey resumes with.
 */
export async function requestPasswordReset(
  deps: ResetDeps,
  email: string,
  payload: string,
): Promise<ResetRequestOutcome> {
  const request = await requestEmailedLink(
    deps,
    "password_reset",
    email,
    PASSWORD_RESET_TTL_MS,
    async () => ({ codeHash: null, bindingHash: null, payload }),
  );
  if (request.status === "throttled") return request;
  const { issued, mail } = request;
  return { status: "accepted", mail: mail ? { ...mail, token: issued.token } : null };
}

export type ResetOutcome =
  | { status: "ok"; user: UserRow; payload: string; endedSessions: number }
  | { status: "invalid" };

/**
 * Spends a reset link (once: the store deletes it as it reads it) and sets the new password:
 * Argon2id, the old password verifier replaced with `user.password.reset` in one D1 batch, then
 * every session of the user ended (their refresh families with them) with one
 * `session.terminated` each, and the username's lock for untrusted sources cleared. The
 * password must already have passed the password rules.
 */
export async function completePasswordReset(
  deps: ResetDeps,
  tokenHash: string,
  password: string,
): Promise<ResetOutcome> {
  const { ctx } = deps;
  const record = await deps.store.consumeEmailToken(tokenHash, "password_reset", ctx.now);
  if (!record?.userId) return { status: "invalid" };
  const user = await getUser(deps.db, deps.issuerId, record.userId).catch(() => null);
  if (user?.status !== "active") return { status: "invalid" };
  const secretHash = await hashPassword(password);
  await runBatch(deps.db, [
    deps.db
      .delete(userVerifiers)
      .where(and(eq(userVerifiers.userId, user.id), eq(userVerifiers.type, "password"))),
    deps.db.insert(userVerifiers).values({
      id: newId("verifier", ctx.now),
      userId: user.id,
      issuerId: user.issuerId,
      type: "password",
      secretHash,
      createdAt: ctx.now,
    }),
    deps.db.insert(events).values(
      buildEventRow(ctx, {
        type: "user.password.reset",
        issuerId: deps.issuerId,
        subject: { type: "user", id: user.id },
      }),
    ),
  ]);
  // After the new password is in place, so no sign-in with the old one outlives the reset.
  const ended = await deps.store.endUserSessions(user.id, "password_reset", ctx.now);
  const later = { ...ctx, now: ctx.now + 1 };
  await recordEvents(
    deps.db,
    sessionEventRows(later, deps.issuerId, "session.terminated", ended, "password_reset"),
  );
  for (const name of usernameCandidates(user.username)) {
    await deps.store.clearLoginFailures(credentialKey(name));
  }
  return { status: "ok", user, payload: record.payload, endedSessions: ended.length };
}
