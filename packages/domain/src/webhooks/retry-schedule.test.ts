import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, nextRetryDelay, parseRetryAfter, RETRY_DELAYS_S } from "./retry-schedule.ts";

describe("retry schedule", () => {
  it("makes at least 5 attempts over at least 24 hours, then stops", () => {
    expect(MAX_ATTEMPTS).toBeGreaterThanOrEqual(5);
    const minimum = RETRY_DELAYS_S.reduce((sum, d) => sum + d * 0.8, 0);
    expect(minimum).toBeGreaterThanOrEqual(24 * 3600);
    expect(nextRetryDelay(MAX_ATTEMPTS, { random: () => 0.5 })).toBeNull();
  });

  it("adds jitter within ±20 % and honours a longer Retry-After", () => {
    expect(nextRetryDelay(1, { random: () => 0 })).toBe(48);
    expect(nextRetryDelay(1, { random: () => 1 })).toBe(72);
    expect(nextRetryDelay(1, { random: () => 0.5, retryAfterS: 600 })).toBe(600);
    expect(nextRetryDelay(1, { random: () => 0.5, retryAfterS: 10 })).toBe(60);
    expect(nextRetryDelay(2, { random: () => 0.5, scale: 0 })).toBe(0);
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(parseRetryAfter("120", 0)).toBe(120);
    expect(parseRetryAfter(new Date(30_000).toUTCString(), 0)).toBe(30);
    expect(parseRetryAfter("soon", 0)).toBeNull();
  });
});
