import { and, eq } from "drizzle-orm";
import { insertRows, runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events, userVerifiers } from "../db/schema.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import type { UserVerifierRow } from "../users/user-verifiers.ts";
import { useBackupCode, useTotpCode } from "./factor-codes.ts";
import { CREDENTIAL_POLICY, isLocked, UNLOCKED } from "./lockout.ts";
import { failureEventRows } from "./login-events.ts";

export type SecondFactorMethod = "totp_app" | "backup_codes";

export type FactorOutcome =
  | { status: "ok"; method: SecondFactorMethod }
  | { status: "invalid" }
  | { status: "locked"; lockedUntil: number };

export interface FactorDeps {
  db: Db;
  store: IssuerStoreRpc;
  issuerId: string;
  ctx: MutationContext;
  /** The deployment secret TOTP secrets are sealed with. */
  sealKey: string;
  clientId?: string | null;
}

/**
 * One lock for all of a user's second factors: backup codes are no way around a locked TOTP
 * (docs/decisions/sign-in.md).
 */
export function secondFactorKey(userId: string): string {
  return `second-factor:${userId}`;
}

/** The user's active second factors (pending enrollments do not count). */
export async function activeSecondFactors(
  db: Db,
  issuerId: string,
  userId: string,
): Promise<UserVerifierRow[]> {
  const rows = await db
    .select()
    .from(userVerifiers)
    .where(
      and(
        eq(userVerifiers.issuerId, issuerId),
        eq(userVerifiers.userId, userId),
        eq(userVerifiers.status, "active"),
      ),
    );
  return rows.filter((row) => row.type === "totp_app" || row.type === "backup_codes");
}

/**
 * Checks a second factor at sign-in: a TOTP code (±1 step, never the same step twice) or a
 * backup code (each once). 5 failures lock the user's second factors for 15 minutes, as for
 * passwords (docs/decisions/throttling.md). Records `user.verification.succeeded` / `failed`
 * with the method, and `user.locked` when a failure starts the lock.
 */
export async function verifySecondFactor(
  deps: FactorDeps,
  userId: string,
  attempt: { method: SecondFactorMethod; code: string },
): Promise<FactorOutcome> {
  const { ctx } = deps;
  const key = secondFactorKey(userId);
  const before = (await deps.store.loginLocks([key], ctx.now))[key] ?? UNLOCKED;
  if (isLocked(before, ctx.now)) {
    return { status: "locked", lockedUntil: before.lockedUntil as number };
  }
  const factors = await activeSecondFactors(deps.db, deps.issuerId, userId);
  const row = factors.find((f) => f.type === attempt.method);
  let ok = false;
  if (row && attempt.method === "totp_app") {
    ok = await useTotpCode(deps.db, deps.sealKey, row, attempt.code, ctx.now);
  } else if (row) {
    ok = (await useBackupCode(deps.db, row, attempt.code, ctx.now)) !== null;
  }
  const subject = { type: "user", id: userId };
  const data = { method: attempt.method, client_id: deps.clientId ?? null };
  if (ok) {
    if (before.failures > 0) await deps.store.clearLoginFailures(key);
    await runBatch(
      deps.db,
      insertRows(deps.db, events, [
        buildEventRow(ctx, {
          type: "user.verification.succeeded",
          issuerId: deps.issuerId,
          subject,
          data,
        }),
      ]),
    );
    return { status: "ok", method: attempt.method };
  }
  const [after = before] = await deps.store.recordLoginFailures(
    [{ key, ...CREDENTIAL_POLICY }],
    ctx.now,
  );
  const lockedNow = isLocked(after, ctx.now);
  const rows = failureEventRows(ctx, deps.issuerId, subject, data, {
    failures: after.failures,
    lockedUntil: lockedNow ? after.lockedUntil : null,
  });
  await runBatch(deps.db, insertRows(deps.db, events, rows));
  return lockedNow
    ? { status: "locked", lockedUntil: after.lockedUntil as number }
    : { status: "invalid" };
}
