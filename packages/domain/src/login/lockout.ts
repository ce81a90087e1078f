/** 5 failed verifications lock a credential for 15 minutes (decisions.md, OWASP ASVS 2.2.1). */
export const MAX_FAILURES = 5;
export const LOCK_MS = 15 * 60_000;

export interface LockState {
  failures: number;
  lockedUntil: number | null;
}

export const UNLOCKED: LockState = { failures: 0, lockedUntil: null };

/** True while a lock from earlier failures still holds. */
export function isLocked(state: LockState, now: number): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now;
}

/** The state after one more failure; the fifth starts a lock, an expired lock starts afresh. */
export function afterFailure(state: LockState, now: number): LockState {
  const current = state.lockedUntil !== null && state.lockedUntil <= now ? UNLOCKED : state;
  const failures = current.failures + 1;
  return {
    failures,
    lockedUntil: failures >= MAX_FAILURES ? (current.lockedUntil ?? now + LOCK_MS) : null,
  };
}

/** The key a lock is kept under: the issuer's normalised username, so unknown names lock too. */
export function credentialKey(username: string): string {
  return `password:${username}`;
}
