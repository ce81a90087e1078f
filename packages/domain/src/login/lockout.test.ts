import { describe, expect, it } from "vitest";
import { afterFailure, isLocked, LOCK_MS, UNLOCKED } from "./lockout.ts";

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
});
