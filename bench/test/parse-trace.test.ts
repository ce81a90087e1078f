import { expect, test } from "vitest";
import { isolateTime } from "../src/isolate-time/parse-trace.ts";

const line = (value: object) => JSON.stringify(value);

test("isolate time sums the locked part of each turn per request of the front worker", () => {
  const contexts = [
    line({ e: "ctx", ctx: 1, iso: 1, worker: "core:user:idp", actor: null, at: 0 }),
    line({ e: "ctx", ctx: 2, iso: 1, worker: "core:user:idp", actor: null, at: 0 }),
    line({ e: "ctx", ctx: 3, iso: 2, worker: "d1:db", actor: "abc", at: 0 }),
  ];
  const turns = [
    // Request 1: two turns, 1 ms and 0.5 ms holding the lock (waiting for the lock does not count).
    line({ e: "turn", ctx: 1, cause: 1, start: 0, locked: 2_000_000, end: 3_000_000 }),
    line({ e: "turn", ctx: 1, cause: 2, start: 0, locked: 5_000_000, end: 5_500_000 }),
    line({ e: "turn", ctx: 2, cause: 1, start: 0, locked: 0, end: 3_000_000 }),
    line({ e: "turn", ctx: 3, cause: 1, start: 0, locked: 0, end: 2_000_000 }),
  ];
  const whole = [...contexts, ...turns].join("\n");
  const result = isolateTime(whole, turns.join("\n"), "core:user:idp");
  expect(result.requests).toBe(2);
  expect(result.p50Ms).toBeCloseTo(1.5);
  expect(result.maxMs).toBeCloseTo(3);
  expect(result.meanMs).toBeCloseTo(2.25);
  expect(result.otherMsPerRequest).toBeCloseTo(1);
});
