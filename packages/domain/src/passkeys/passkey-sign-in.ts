import type { z } from "zod";
import { insertRows, runBatch } from "../db/bound-parameters.ts";
import { events } from "../db/schema.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { CREDENTIAL_POLICY, isLocked, UNLOCKED } from "../login/lockout.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import { authenticatePasskey, type PasskeySignIn } from "./authenticate-passkey.ts";
import { userIdFromHandle } from "./passkey-credential.ts";
import type { AuthenticationResponse } from "./passkey-responses.ts";
import type { PasskeyDeps } from "./register-passkey.ts";

/** The lock of a user's passkeys: failed assertions of their own credentials count here. */
export function passkeyKey(userId: string): string {
  return `passkey:${userId}`;
}

export interface PasskeySignInDeps extends PasskeyDeps {
  store: Pick<IssuerStoreRpc, "loginLocks" | "recordLoginFailures" | "clearLoginFailures">;
  ctx: MutationContext;
  clientId?: string | null;
}

export type PasskeyOutcome = PasskeySignIn | { status: "locked"; lockedUntil: number };

/**
 * A passkey sign-in under the lockout rule of every factor (5 failures lock for 15 minutes,
 * docs/decisions/throttling.md): a wrong, replayed or cloned assertion of a credential that
 * belongs to a user writes `user.verification.failed` (`method: "webauthn"`) and counts
 * towards that user's passkey lock (`user.locked` when it starts); while locked, no assertion
 * is verified. An unknown credential names nobody, so nobody is locked by guessing user ids.
 */
export async function signInWithPasskey(
  deps: PasskeySignInDeps,
  response: z.output<typeof AuthenticationResponse>,
): Promise<PasskeyOutcome> {
  const { now } = deps.ctx;
  const handle = response.response.userHandle;
  const claimed = handle ? userIdFromHandle(handle) : null;
  if (claimed) {
    const key = passkeyKey(claimed);
    const lock = (await deps.store.loginLocks([key], now))[key] ?? UNLOCKED;
    if (isLocked(lock, now)) return { status: "locked", lockedUntil: lock.lockedUntil as number };
  }
  const result = await authenticatePasskey(deps, response, now);
  if (result.status === "ok") {
    await deps.store.clearLoginFailures(passkeyKey(result.userId));
    return result;
  }
  if (!result.userId) return result;
  const key = passkeyKey(result.userId);
  const [after] = await deps.store.recordLoginFailures([{ key, ...CREDENTIAL_POLICY }], now);
  const subject = { type: "user", id: result.userId };
  const rows = [
    buildEventRow(deps.ctx, {
      type: "user.verification.failed",
      issuerId: deps.issuerId,
      subject,
      data: {
        method: "webauthn",
        reason: result.reason,
        failures: after?.failures ?? 1,
        client_id: deps.clientId ?? null,
      },
    }),
  ];
  const lockedNow = after !== undefined && isLocked(after, now);
  if (lockedNow && after.failures === CREDENTIAL_POLICY.maxFailures) {
    rows.push(
      buildEventRow(
        { ...deps.ctx, now: now + 1 },
        {
          type: "user.locked",
          issuerId: deps.issuerId,
          subject,
          data: { method: "webauthn", locked_until: after.lockedUntil },
        },
      ),
    );
  }
  await runBatch(deps.db, insertRows(deps.db, events, rows));
  return lockedNow ? { status: "locked", lockedUntil: after.lockedUntil as number } : result;
}
