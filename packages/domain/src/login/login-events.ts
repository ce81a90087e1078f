import { insertRows, runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events } from "../db/schema.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import type { UserRow } from "../users/user-wire.ts";
import { isLocked, type LockState } from "./lockout.ts";

/**
 * The event rows of one failed check: `user.verification.failed` with `data` and the failures
 * counted, and `user.locked` (one millisecond later, so it sorts after) when `lockedUntil` says
 * this failure started a lock.
 */
export function failureEventRows(
  ctx: MutationContext,
  issuerId: string,
  subject: { type: string; id: string },
  data: Record<string, unknown>,
  after: { failures: number; lockedUntil: number | null },
) {
  const rows = [
    buildEventRow(ctx, {
      type: "user.verification.failed",
      issuerId,
      subject,
      data: { ...data, failures: after.failures },
    }),
  ];
  if (after.lockedUntil !== null) {
    const locked = { ...data, locked_until: after.lockedUntil };
    rows.push(
      buildEventRow(
        { ...ctx, now: ctx.now + 1 },
        { type: "user.locked", issuerId, subject, data: locked },
      ),
    );
  }
  return rows;
}

/**
 * Records `user.verification.failed` with the attempted username and the failures counted,
 * and `user.locked` when this failure started the lock of the username for untrusted sources.
 */
export async function recordFailureEvents(
  deps: { db: Db; issuerId: string; ctx: MutationContext; clientId?: string | null },
  attempt: { username: string; user: UserRow | undefined; trustedDevice: boolean },
  before: LockState,
  after: LockState,
): Promise<void> {
  const { ctx } = deps;
  const subject = attempt.user
    ? { type: "user", id: attempt.user.id }
    : { type: "issuer", id: deps.issuerId };
  const base = { method: "password", username: attempt.username };
  const startedLock =
    !attempt.trustedDevice && isLocked(after, ctx.now) && !isLocked(before, ctx.now);
  const rows = failureEventRows(
    ctx,
    deps.issuerId,
    subject,
    { ...base, trusted_device: attempt.trustedDevice, client_id: deps.clientId ?? null },
    { failures: after.failures, lockedUntil: startedLock ? after.lockedUntil : null },
  );
  await runBatch(deps.db, insertRows(deps.db, events, rows));
}
