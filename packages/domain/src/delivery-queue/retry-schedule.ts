/**
 * Waits before each retry, in seconds: the Standard Webhooks / Svix schedule. The first attempt
 * goes out immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h: 8 attempts over about
 * 27.5 hours. Each wait gets ±20 % jitter so a recovering receiver is not hit by a herd. Webhook
 * deliveries and invitation emails both follow it (docs/decisions/webhooks.md).
 */
export const RETRY_DELAYS_S = [5, 300, 1800, 7200, 18_000, 36_000, 36_000] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length + 1;
/** A receiver's `Retry-After` is honoured up to a day; anything longer is its own mistake. */
export const MAX_RETRY_AFTER_S = 86_400;

export interface RetryOptions {
  /** The receiver's `Retry-After`, in seconds (RFC 9110 §10.2.3). */
  retryAfterS?: number | null;
  random?: () => number;
  /** Multiplies the schedule: 1 in production, small in tests. */
  scale?: number;
}

/**
 * Seconds to wait after attempt number `attempt` failed, or null when no attempt is left. A
 * longer `Retry-After` wins (up to a day); the wait may exceed what one Queue message can be
 * delayed by, so callers schedule it with `enqueueDelivery`, which chains long waits.
 */
export function nextRetryDelay(attempt: number, options: RetryOptions = {}): number | null {
  const base = RETRY_DELAYS_S[attempt - 1];
  if (base === undefined) return null;
  const jitter = 0.8 + 0.4 * (options.random ?? Math.random)();
  const scheduled = Math.round(base * jitter * (options.scale ?? 1));
  return Math.max(scheduled, Math.min(options.retryAfterS ?? 0, MAX_RETRY_AFTER_S));
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}
