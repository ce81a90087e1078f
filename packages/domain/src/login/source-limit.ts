import type { LockPolicy } from "./lockout.ts";

/**
 * Failed sign-ins from one source (IPv4 address or IPv6 /64) are counted in fixed 15-minute
 * windows; after 20 the source is refused until its window ends. This stops one address from
 * spraying one password over many usernames, which no per-username lock sees.
 */
export const SOURCE_MAX_FAILURES = 20;
export const SOURCE_WINDOW_MS = 15 * 60_000;

/** The key and lock policy of the window `now` falls in: a lock lasts to the window's end. */
export function sourceWindow(source: string, now: number): { key: string; policy: LockPolicy } {
  const index = Math.floor(now / SOURCE_WINDOW_MS);
  const end = (index + 1) * SOURCE_WINDOW_MS;
  return {
    key: `source:${source}:${index}`,
    policy: { maxFailures: SOURCE_MAX_FAILURES, lockMs: end - now },
  };
}
