import { describe, expect, it } from "vitest";
import {
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_S,
  nextRetryDelay,
  parseRetryAfter,
  RETRY_DELAYS_S,
} from "./retry-schedule.ts";

const middle = { random: () => 0.5 };

describe("retry schedule (Standard Webhooks / Svix)", () => {
  it("retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then stops", () => {
    const waits = Array.from({ length: MAX_ATTEMPTS }, (_, i) => nextRetryDelay(i + 1, middle));
    expect(waits).toEqual([5, 300, 1800, 7200, 18_000, 36_000, 36_000, null]);
    expect(MAX_ATTEMPTS).toBe(8);
    const total = RETRY_DELAYS_S.reduce((sum, d) => sum + d, 0);
    expect(total).toBe(5 + 300 + 1800 + 7200 + 18_000 + 36_000 + 36_000);
  });

  it("adds jitter within ±20 %", () => {
    expect(nextRetryDelay(2, { random: () => 0 })).toBe(240);
    expect(nextRetryDelay(2, { random: () => 1 })).toBe(360);
    expect(nextRetryDelay(1, { random: () => 0.999 })).toBe(6);
  });

  it("honours a longer Retry-After, up to a day, and never a shorter one", () => {
    expect(nextRetryDelay(1, { ...middle, retryAfterS: 600 })).toBe(600);
    expect(nextRetryDelay(3, { ...middle, retryAfterS: 10 })).toBe(1800);
    expect(nextRetryDelay(1, { ...middle, retryAfterS: 10 * 86_400 })).toBe(MAX_RETRY_AFTER_S);
  });

  it("shrinks with the test scale", () => {
    expect(nextRetryDelay(7, { ...middle, scale: 0 })).toBe(0);
    expect(nextRetryDelay(5, { ...middle, scale: 0.001 })).toBe(18);
  });

  it("reads Retry-After as seconds or a date", () => {
    expect(parseRetryAfter("120", 0)).toBe(120);
    expect(parseRetryAfter(new Date(30_000).toUTCString(), 0)).toBe(30);
    expect(parseRetryAfter("soon", 0)).toBeNull();
  });
});
