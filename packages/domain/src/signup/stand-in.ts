import { sha256Hex } from "../crypto/hash.ts";
import { CREDENTIAL_POLICY, isLocked, UNLOCKED } from "../login/lockout.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import { emailCodeKey } from "./verify-email.ts";

/**
 * The stand-in subject of a signup for an address that already has an account
 * (docs/decisions/signup.md): its "check your email" page keeps resend limits and a wrong-code
 * count under this id, so it answers exactly as a new account's page would.
 */
export async function standInId(email: string): Promise<string> {
  return `signup:${await sha256Hex(email.toLowerCase())}`;
}

/**
 * A code typed on a stand-in's page: never right (no email was sent), but counted toward the
 * same lockout as a real account's codes (5 failures, 15 minutes), with the same answers.
 */
export async function refuseStandInCode(
  store: Pick<IssuerStoreRpc, "loginLocks" | "recordLoginFailures">,
  id: string,
  now: number,
): Promise<{ status: "invalid" } | { status: "locked"; lockedUntil: number }> {
  const key = emailCodeKey(id);
  const before = (await store.loginLocks([key], now))[key] ?? UNLOCKED;
  if (isLocked(before, now)) return { status: "locked", lockedUntil: before.lockedUntil as number };
  const [after = before] = await store.recordLoginFailures([{ key, ...CREDENTIAL_POLICY }], now);
  return isLocked(after, now)
    ? { status: "locked", lockedUntil: after.lockedUntil as number }
    : { status: "invalid" };
}
