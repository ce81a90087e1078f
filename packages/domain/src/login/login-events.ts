import { insertRows, runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events } from "../db/schema.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import type { UserRow } from "../users/user-wire.ts";
import { isLocked, type LockState } from "./lockout.ts";

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
  const rows = [
    buildEventRow(ctx, {
      type: "user.verification.failed",
      issuerId: deps.issuerId,
      subject,
      data: {
        ...base,
        failures: after.failures,
        trusted_device: attempt.trustedDevice,
        client_id: deps.clientId ?? null,
      },
    }),
  ];
  if (!attempt.trustedDevice && isLocked(after, ctx.now) && !isLocked(before, ctx.now)) {
    rows.push(
      buildEventRow(
        { ...ctx, now: ctx.now + 1 },
        {
          type: "user.locked",
          issuerId: deps.issuerId,
          subject,
          data: { ...base, locked_until: after.lockedUntil },
        },
      ),
    );
  }
  await runBatch(deps.db, insertRows(deps.db, events, rows));
}
