/** How many failures start a lock, and how long it holds. */
export interface LockPolicy {
  maxFailures: number;
  lockMs: number;
}

/** 5 failed verifications lock a credential for 15 minutes (AuthPI; docs/decisions/throttling.md). */
export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;
export const CREDENTIAL_POLICY: LockPolicy = { maxFailures: MAX_FAILURES, lockMs: LOCK_MS };

export interface LockState {
  failures: number;
  lockedUntil: number | null;
}

export const UNLOCKED: LockState = { failures: 0, lockedUntil: null };

/** True while a lock from earlier failures still holds. */
export function isLocked(state: LockState, now: number): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now;
}

/**
 * The state after one more failure: the `maxFailures`th starts a lock of `lockMs`, a running
 * lock is not extended, an expired lock starts afresh.
 */
export function afterFailure(
  state: LockState,
  now: number,
  policy: LockPolicy = CREDENTIAL_POLICY,
): LockState {
  const current = state.lockedUntil !== null && state.lockedUntil <= now ? UNLOCKED : state;
  const failures = current.failures + 1;
  return {
    failures,
    lockedUntil:
      failures >= policy.maxFailures ? (current.lockedUntil ?? now + policy.lockMs) : null,
  };
}

/**
 * The key of a username's lock for untrusted sources (no trusted-device cookie for that user):
 * the issuer's normalised username, so unknown names lock the same way.
 */
export function credentialKey(username: string): string {
  return `password:${username}`;
}

/** The key of one trusted device's own lock (OWASP: lock trusted clients individually). */
export function deviceKey(deviceId: string): string {
  return `device:${deviceId}`;
}
