import { describe, expect, it } from "vitest";
import {
  acceptsFill,
  beginWrite,
  type ClaimsSnapshot,
  endWrite,
  isWriting,
  lookUp,
  WRITE_LEASE_MS,
} from "./claims-snapshot.ts";

const SNAPSHOT: ClaimsSnapshot = {
  user: {
    id: "usr_1",
    status: "active",
    username: "a@example.com",
    usernameType: "email",
    profile: {},
    customClaims: {},
  },
  memberships: [],
};

describe("the claims snapshot's write protocol", () => {
  it("hands a new user's miss a fresh clock, and keeps a fill carrying it", () => {
    const { lookup, entry } = lookUp(undefined, 7, 0);
    expect(lookup).toEqual({ status: "miss", clock: 7 });
    expect(acceptsFill(entry, 7, 0)).toBe(true);
    expect(lookUp({ ...entry, snapshot: SNAPSHOT }, 8, 0).lookup).toEqual({
      status: "hit",
      snapshot: SNAPSHOT,
    });
  });

  it("refuses a fill read before a write began or ended (a stale fill)", () => {
    const { entry } = lookUp(undefined, 1, 0);
    const writing = beginWrite(entry, 2, 10);
    expect(acceptsFill(writing, 1, 10)).toBe(false);
    const ended = endWrite(writing, 3, 20);
    expect(acceptsFill(ended, 1, 20)).toBe(false);
    expect(acceptsFill(ended, 2, 20)).toBe(false);
    expect(acceptsFill(ended, 3, 20)).toBe(true);
  });

  it("drops the snapshot at the start of a write and misses without a clock while it is open", () => {
    const filled = { clock: 1, writers: 0, leaseUntil: 0, snapshot: SNAPSHOT };
    const writing = beginWrite(filled, 2, 100);
    expect(writing.snapshot).toBeNull();
    expect(isWriting(writing, 100)).toBe(true);
    expect(lookUp(writing, 9, 100).lookup).toEqual({ status: "miss", clock: null });
    expect(acceptsFill(writing, 2, 100)).toBe(false);
  });

  it("stays writing until the last of two overlapping writes ends", () => {
    const one = beginWrite(undefined, 1, 0);
    const two = beginWrite(one, 2, 5);
    const firstEnded = endWrite(two, 3, 6);
    expect(isWriting(firstEnded, 6)).toBe(true);
    expect(acceptsFill(firstEnded, 3, 6)).toBe(false);
    const bothEnded = endWrite(firstEnded, 4, 7);
    expect(isWriting(bothEnded, 7)).toBe(false);
    expect(acceptsFill(bothEnded, 4, 7)).toBe(true);
  });

  it("lets a write whose end never comes lapse with its lease: the next read goes to D1", () => {
    const writing = beginWrite(undefined, 1, 0);
    expect(lookUp(writing, 2, WRITE_LEASE_MS - 1).lookup).toEqual({ status: "miss", clock: null });
    const after = lookUp(writing, 2, WRITE_LEASE_MS);
    expect(after.lookup).toEqual({ status: "miss", clock: 1 });
    expect(acceptsFill(after.entry, 1, WRITE_LEASE_MS)).toBe(true);
    // A new write after the lapse counts from one open writer, not two.
    const next = beginWrite(after.entry, 3, WRITE_LEASE_MS + 1);
    expect(isWriting(endWrite(next, 4, WRITE_LEASE_MS + 2), WRITE_LEASE_MS + 2)).toBe(false);
  });
});
