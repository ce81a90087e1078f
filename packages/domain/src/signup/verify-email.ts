import { isRandomTokenShaped, sha256Hex } from "../crypto/hash.ts";
import { insertRows, runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events } from "../db/schema.ts";
import type { MutationContext } from "../events/event.ts";
import { CREDENTIAL_POLICY, isLocked, UNLOCKED } from "../login/lockout.ts";
import { failureEventRows } from "../login/login-events.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import { markEmailVerified } from "./register-user.ts";
import {
  newVerificationSecrets,
  normalizeCode,
  VERIFICATION_TTL_MS,
  verificationCodeDigest,
} from "./verification-rules.ts";
import type { VerifiedEmail } from "./verification-store.ts";

export interface VerificationDeps {
  db: Db;
  store: Pick<
    IssuerStoreRpc,
    | "issueEmailVerification"
    | "consumeEmailVerificationLink"
    | "consumeEmailVerificationCode"
    | "loginLocks"
    | "recordLoginFailures"
    | "clearLoginFailures"
    | "beginUserWrite"
    | "endUserWrite"
  >;
  issuerId: string;
  ctx: MutationContext;
  /** The deployment secret the code digest is keyed with. */
  secret: string;
}

/** The lock key of a user's email codes: 5 wrong codes lock them for 15 minutes. */
export function emailCodeKey(userId: string): string {
  return `email-code:${userId}`;
}

export type StartVerificationResult =
  | { status: "ok"; token: string; code: string; expiresAt: number }
  | { status: "rate_limited"; retryAt: number };

/**
 * Starts (or restarts) the verification of a user's email: new secrets, stored as hashes
 * in place of any pending ones, unless the resend limits refuse; the caller mails them.
 */
export async function startEmailVerification(
  deps: VerificationDeps,
  user: { id: string; email: string },
  interactionId: string | null,
): Promise<StartVerificationResult> {
  const { token, code } = newVerificationSecrets();
  const expiresAt = deps.ctx.now + VERIFICATION_TTL_MS;
  const result = await deps.store.issueEmailVerification(
    {
      userId: user.id,
      email: user.email.toLowerCase(),
      tokenHash: await sha256Hex(token),
      codeDigest: await verificationCodeDigest(deps.secret, user.id, code),
      interactionId,
      expiresAt,
    },
    deps.ctx.now,
  );
  return result.status === "ok" ? { status: "ok", token, code, expiresAt } : result;
}

/** A verification link: single use; the user's email becomes verified if it is still that address. */
export async function verifyEmailLink(
  deps: VerificationDeps,
  token: string,
): Promise<VerifiedEmail | null> {
  if (!isRandomTokenShaped(token)) return null;
  const found = await deps.store.consumeEmailVerificationLink(await sha256Hex(token), deps.ctx.now);
  if (!found) return null;
  return (await markEmailVerified(deps.db, deps.store, deps.ctx, deps.issuerId, found))
    ? found
    : null;
}

export type CodeOutcome =
  | { status: "ok"; verified: VerifiedEmail }
  | { status: "invalid" }
  | { status: "locked"; lockedUntil: number };

/**
 * A typed code: single use, for its user only; wrong codes count toward the same lockout as
 * other factors (5 failures, 15 minutes; docs/decisions/throttling.md), with
 * `user.verification.failed` and `user.locked` events; while locked even the right code fails.
 */
export async function verifyEmailCode(
  deps: VerificationDeps,
  userId: string,
  typed: string,
): Promise<CodeOutcome> {
  const { ctx } = deps;
  const key = emailCodeKey(userId);
  const before = (await deps.store.loginLocks([key], ctx.now))[key] ?? UNLOCKED;
  if (isLocked(before, ctx.now))
    return { status: "locked", lockedUntil: before.lockedUntil as number };
  const code = normalizeCode(typed);
  const found = code
    ? await deps.store.consumeEmailVerificationCode(
        userId,
        await verificationCodeDigest(deps.secret, userId, code),
        ctx.now,
      )
    : null;
  if (found && (await markEmailVerified(deps.db, deps.store, ctx, deps.issuerId, found))) {
    if (before.failures > 0) await deps.store.clearLoginFailures(key);
    return { status: "ok", verified: found };
  }
  const [after = before] = await deps.store.recordLoginFailures(
    [{ key, ...CREDENTIAL_POLICY }],
    ctx.now,
  );
  const subject = { type: "user", id: userId };
  const lockedNow = isLocked(after, ctx.now);
  const rows = failureEventRows(
    ctx,
    deps.issuerId,
    subject,
    { method: "email" },
    {
      failures: after.failures,
      lockedUntil: lockedNow ? after.lockedUntil : null,
    },
  );
  await runBatch(deps.db, insertRows(deps.db, events, rows));
  return lockedNow
    ? { status: "locked", lockedUntil: after.lockedUntil as number }
    : { status: "invalid" };
}
