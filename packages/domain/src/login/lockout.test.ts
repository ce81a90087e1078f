import { describe, expect, it } from "vitest";
import { afterFailure, isLocked, LOCK_MS, UNLOCKED } from "./lockout.ts";
import { SOURCE_MAX_FAILURES, SOURCE_WINDOW_MS, sourceWindow } from "./source-limit.ts";

describe("lockout", () => {
  it("locks on the fifth failure for 15 minutes, not before", () => {
    let state = UNLOCKED;
    for (let i = 0; i < 4; i++) state = afterFailure(state, 1000 + i);
    expect(isLocked(state, 2000)).toBe(false);
    state = afterFailure(state, 2000);
    expect(isLocked(state, 2000)).toBe(true);
    expect(isLocked(state, 2000 + LOCK_MS - 1)).toBe(true);
    expect(isLocked(state, 2000 + LOCK_MS)).toBe(false);
  });

  it("does not extend a running lock and starts afresh once it expired", () => {
    let state = UNLOCKED;
    for (let i = 0; i < 5; i++) state = afterFailure(state, 0);
    const locked = afterFailure(state, 60_000);
    expect(locked.lockedUntil).toBe(LOCK_MS);
    const fresh = afterFailure(locked, LOCK_MS + 1);
    expect(fresh).toEqual({ failures: 1, lockedUntil: null });
  });

  it("applies another policy's count and length when given one", () => {
    const policy = { maxFailures: 2, lockMs: 1_000 };
    const once = afterFailure(UNLOCKED, 0, policy);
    expect(isLocked(once, 0)).toBe(false);
    expect(afterFailure(once, 10, policy)).toEqual({ failures: 2, lockedUntil: 1_010 });
  });
});

describe("source windows", () => {
  it("name one key per fixed window and lock to its end", () => {
    const start = 100 * SOURCE_WINDOW_MS;
    const early = sourceWindow("192.0.2.1", start);
    const late = sourceWindow("192.0.2.1", start + SOURCE_WINDOW_MS - 1);
    expect(late.key).toBe(early.key);
    expect(early.policy).toEqual({ maxFailures: SOURCE_MAX_FAILURES, lockMs: SOURCE_WINDOW_MS });
    expect(late.policy.lockMs).toBe(1);
    expect(sourceWindow("192.0.2.1", start + SOURCE_WINDOW_MS).key).not.toBe(early.key);
    expect(sourceWindow("192.0.2.2", start).key).not.toBe(early.key);
  });
});
