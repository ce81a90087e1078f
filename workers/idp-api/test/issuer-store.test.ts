import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import type { CodeGrant } from "@authpi/domain/oauth";
import { describe, expect, it, vi } from "vitest";
import type { Env } from "../src/env.ts";
import { createRpSession, readSession, touchedSession } from "../src/objects/sessions.ts";

const { ISSUER_STORE } = env as unknown as Env;

const grant: CodeGrant = {
  clientId: "c_test",
  userId: "usr_test",
  sessionId: "s_test",
  redirectUri: "https://app.example.com/callback",
  scope: "openid",
  nonce: "n",
  codeChallenge: "challenge",
  authTime: 1,
  resource: [],
  orgId: null,
};

function store(name = crypto.randomUUID()) {
  return ISSUER_STORE.get(ISSUER_STORE.idFromName(name));
}

/** The op session `grant` names, signed in at `now` for an hour (idle limit an hour too). */
function openOpSession(stub: ReturnType<typeof store>, now: number, idleTimeoutMs = 3_600_000) {
  return stub.createOpSession(
    {
      id: grant.sessionId,
      userId: grant.userId,
      authMethod: "password",
      authTime: now,
      maxAgeMs: 3_600_000,
      idleTimeoutMs,
      secretHash: "h",
      device: null,
    },
    now,
  );
}

/** An rp session `s_rp` opened by a code exchange at `now`, its first refresh handle `rt_0`. */
async function refreshFamily(stub: ReturnType<typeof store>, now: number, idleTimeoutMs?: number) {
  await openOpSession(stub, now, idleTimeoutMs);
  await stub.saveCode("hash-family", grant, now + 60_000);
  const rp = {
    id: "s_rp",
    clientId: "c_test",
    refreshJti: "rt_0",
    refreshExpiresAt: now + 600_000,
  };
  await stub.redeemCode("hash-family", "c_test", rp, now);
}

/** Rotates `rt_0` → `rt_1` → … once at each time, and returns each rotation's result. */
async function rotateAt(stub: ReturnType<typeof store>, times: number[]) {
  const results = [];
  for (const [i, at] of times.entries()) {
    const next = { jti: `rt_${i + 1}`, expiresAt: at + 60_000 };
    results.push(await stub.rotateRefresh(`rt_${i}`, "c_test", next, at));
  }
  return results;
}

describe("IssuerStore authorization codes", () => {
  it("hands a code out once and calls later uses replays", async () => {
    const stub = store();
    const now = Date.now();
    await stub.saveCode("hash-1", grant, now + 60_000);
    expect(await stub.consumeCode("hash-1", now)).toEqual({ status: "ok", grant });
    expect(await stub.consumeCode("hash-1", now)).toEqual({ status: "replayed", grant });
    expect(await stub.consumeCode("unknown", now)).toEqual({ status: "invalid" });
  });

  it("refuses an expired code", async () => {
    const stub = store();
    const now = Date.now();
    await stub.saveCode("hash-2", grant, now + 60_000);
    expect(await stub.consumeCode("hash-2", now + 60_001)).toEqual({ status: "invalid" });
  });

  it("revokes the rp session a code opened when the code comes back, and only that one", async () => {
    const stub = store();
    const now = Date.now();
    await openOpSession(stub, now);
    const rp = (id: string) => ({
      id,
      clientId: "c_test",
      refreshJti: `rt_${id}`,
      refreshExpiresAt: now + 60_000,
    });
    await stub.saveCode("hash-redeem", grant, now + 60_000);
    const first = await stub.redeemCode("hash-redeem", "c_test", rp("s_rp1"), now);
    expect(first).toMatchObject({
      status: "ok",
      session: { id: "s_rp1", parentId: "s_test", status: "active" },
    });
    expect(await stub.redeemCode("hash-redeem", "c_test", rp("s_rp2"), now)).toEqual({
      status: "replayed",
      revokedSessionId: "s_rp1",
    });
    expect(await stub.getSession("s_rp1", now)).toMatchObject({ status: "revoked" });
    expect(await stub.getSession("s_rp2", now)).toBeNull();

    // A code spent by the wrong client opened nothing: its replay names no session to revoke.
    await stub.saveCode("hash-wrong", grant, now + 60_000);
    expect(await stub.redeemCode("hash-wrong", "c_other", rp("s_rp3"), now)).toEqual({
      status: "invalid",
      reason: "client",
    });
    expect(await stub.redeemCode("hash-wrong", "c_test", rp("s_rp4"), now)).toEqual({
      status: "replayed",
      revokedSessionId: null,
    });
    expect(await stub.getSession("s_rp3", now)).toBeNull();
  });

  it("counts each refresh on the rp session, marks it used, and its op session once a minute", async () => {
    const stub = store();
    const now = Date.now();
    await refreshFamily(stub, now);
    // The op session was marked at `now`: within the minute it is not written again.
    const steps = [
      { at: now + 1_000, parentAt: now },
      { at: now + 59_000, parentAt: now },
      { at: now + 60_000, parentAt: now + 60_000 },
      { at: now + 61_000, parentAt: now + 60_000 },
    ];
    const rotated = await rotateAt(
      stub,
      steps.map((step) => step.at),
    );
    for (const [i, { at, parentAt }] of steps.entries()) {
      expect(rotated[i]).toMatchObject({
        status: "ok",
        session: { id: "s_rp", refreshCount: i + 1, lastActiveAt: at },
        parent: { id: "s_test", lastActiveAt: parentAt },
        grant: { scope: "openid", resource: [], orgId: null },
      });
    }
    expect(await stub.getSession("s_test", now + 61_000)).toMatchObject({
      lastActiveAt: now + 60_000,
    });
    expect(await stub.getSession("s_rp", now + 61_000)).toMatchObject({ refreshCount: 4 });
  });

  it("builds the rp session row and a touched row exactly as the store then holds them", async () => {
    const stub = store();
    const now = Date.now();
    await openOpSession(stub, now);
    await runInDurableObject(stub, (_instance, state) => {
      const sql = state.storage.sql;
      const parent = readSession(sql, grant.sessionId);
      if (!parent) throw new Error("no op session");
      const grantOfRp = {
        scope: "openid offline_access",
        resource: ["https://api"],
        orgId: "org_1",
      };
      for (const dpopJkt of [null, "jkt-1"]) {
        const id = `s_rp_${dpopJkt ?? "plain"}`;
        const built = createRpSession(
          sql,
          parent,
          { id, clientId: "c_test", grant: grantOfRp, dpopJkt },
          now + 5,
        );
        expect(built).toEqual(readSession(sql, id));
        const touched = touchedSession(sql, built, now + 9, true);
        expect(touched).toEqual(readSession(sql, id));
        expect(touched).toMatchObject({ last_active_at: now + 9, refresh_count: 1 });
      }
    });
  });

  it("marks an op session with a short idle limit within a thirtieth of it", async () => {
    const stub = store();
    const now = Date.now();
    await refreshFamily(stub, now, 300_000);
    // Idle limit five minutes: the op session is written again once ten seconds have passed.
    const [early, due] = await rotateAt(stub, [now + 9_000, now + 10_000]);
    expect(early).toMatchObject({ status: "ok", parent: { lastActiveAt: now } });
    expect(due).toMatchObject({ status: "ok", parent: { lastActiveAt: now + 10_000 } });
  });

  it("lets exactly one of 50 parallel consumers win", async () => {
    const stub = store();
    const now = Date.now();
    await stub.saveCode("hash-3", grant, now + 60_000);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => stub.consumeCode("hash-3", now)),
    );
    expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
    expect(results.filter((r) => r.status === "replayed")).toHaveLength(49);
  });

  it("keeps only code hashes and forgets them after expiry (alarm)", async () => {
    const stub = store();
    const now = Date.now();
    await stub.saveCode("hash-fresh", grant, now + 60_000);
    const hashes = () =>
      runInDurableObject(stub, (_instance, state) =>
        state.storage.sql.exec<{ code_hash: string }>("SELECT code_hash FROM auth_codes").toArray(),
      );
    expect(await hashes()).toEqual([{ code_hash: "hash-fresh" }]);
    // Expired past the replay memory: the alarm it schedules is already due and removes it.
    await stub.saveCode("hash-old", grant, now - 11 * 60_000);
    await vi.waitFor(async () => expect(await hashes()).toEqual([{ code_hash: "hash-fresh" }]));
    expect(await runInDurableObject(stub, (_i, state) => state.storage.getAlarm())).toBeGreaterThan(
      now,
    );
  });
});

describe("IssuerStore login counters", () => {
  it("counts parallel failures exactly and starts each key's lock once, by its own policy", async () => {
    const stub = store();
    const now = 1_000_000;
    const failures = [
      { key: "password:alice", maxFailures: 5, lockMs: 900_000 },
      { key: "source:192.0.2.1:1", maxFailures: 20, lockMs: 60_000 },
    ];
    const results = await Promise.all(
      Array.from({ length: 25 }, () => stub.recordLoginFailures(failures, now)),
    );
    const counts = results.map(([user]) => user?.failures).sort((a = 0, b = 0) => a - b);
    expect(counts).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(
      await stub.loginLocks(["password:alice", "source:192.0.2.1:1", "device:x"], now),
    ).toEqual({
      "password:alice": { failures: 25, lockedUntil: now + 900_000 },
      "source:192.0.2.1:1": { failures: 25, lockedUntil: now + 60_000 },
      "device:x": { failures: 0, lockedUntil: null },
    });
    await stub.clearLoginFailures("password:alice");
    expect((await stub.loginLocks(["password:alice"], now))["password:alice"]?.failures).toBe(0);
  });
});
