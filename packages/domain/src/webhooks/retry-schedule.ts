/**
 * Delays before each retry, in seconds: 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, 12 h. With the
 * first attempt that is 8 attempts over about 33 hours (the issue asks ≥ 5 over ≥ 24 h). Each
 * delay gets ±20 % jitter so a recovering receiver is not hit by a thundering herd. 12 h is
 * also the longest delay a Queue message can take.
 */
export const RETRY_DELAYS_S = [60, 300, 1800, 7200, 21_600, 43_200, 43_200] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length + 1;
const MAX_DELAY_S = 43_200;

/**
 * Seconds to wait before the next attempt after `attempts` failures, or null when none is
 * left. `Retry-After` (RFC 9110 §10.2.3) wins when it asks for longer; `scale` shrinks the
 * schedule for tests.
 */
export function nextRetryDelay(
  attempts: number,
  options: { retryAfterS?: number | null; random?: () => number; scale?: number } = {},
): number | null {
  const base = RETRY_DELAYS_S[attempts - 1];
  if (base === undefined) return null;
  const jitter = 0.8 + 0.4 * (options.random ?? Math.random)();
  const scheduled = Math.round(base * jitter * (options.scale ?? 1));
  return Math.min(Math.max(scheduled, options.retryAfterS ?? 0), MAX_DELAY_S);
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
