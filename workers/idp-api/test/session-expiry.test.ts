import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { newId } from "@authpi/domain/ids";
import { issuerStoreId } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import { issuerShardOf, issuerStoreOf, openRpSession } from "@authpi/testkit/many-sessions";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../src/env.ts";

const bindings = env as unknown as Env;
const MINUTE = 60_000;
const DAY = 86_400_000;
afterEach(() => vi.restoreAllMocks());

function opInit(userId: string, p: { maxAgeMs: number; idleTimeoutMs: number }, at: number) {
  return {
    id: newId("session", at),
    userId,
    authMethod: "password",
    authTime: at,
    maxAgeMs: p.maxAgeMs,
    idleTimeoutMs: p.idleTimeoutMs,
    secretHash: "0".repeat(64),
    device: null,
  };
}

describe("sessions end by the store's alarm when their limits pass (issue 18 §3)", () => {
  it("expires idle and absolute lapses with their op session's rp sessions, one session.expired each, once", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const store = issuerStoreOf(seeded.issuer.id);
    const t0 = Date.now();
    const user = seeded.user.id;
    const idle = await store.createOpSession(
      opInit(user, { maxAgeMs: DAY, idleTimeoutMs: 5 * MINUTE }, t0),
      t0,
    );
    const rp = await openRpSession(store, idle, seeded.web.client.id, t0);
    const old = await store.createOpSession(
      opInit(user, { maxAgeMs: 8 * MINUTE, idleTimeoutMs: DAY }, t0),
      t0,
    );
    const live = await store.createOpSession(
      opInit(user, { maxAgeMs: DAY, idleTimeoutMs: 30 * MINUTE }, t0),
      t0,
    );
    // Ten minutes on: the first lapsed by idle, the second by its absolute limit.
    const now = t0 + 10 * MINUTE;
    vi.spyOn(Date, "now").mockReturnValue(now);

    const stub = bindings.ISSUER_STORE.get(issuerStoreId(bindings.ISSUER_STORE, seeded.issuer.id));
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    const shard = issuerShardOf(seeded.issuer.id, 0);
    const view = (id: string) => shard.getSession(id, Date.now());
    expect(await view(idle.id)).toMatchObject({ status: "expired", endedReason: "idle_timeout" });
    expect(await view(rp)).toMatchObject({ status: "expired" });
    expect(await view(old.id)).toMatchObject({
      status: "expired",
      endedReason: "absolute_timeout",
    });
    expect(await view(live.id)).toMatchObject({ status: "active", endedAt: null });

    const expired = async () =>
      seeded.db
        .select()
        .from(events)
        .where(and(eq(events.issuerId, seeded.issuer.id), eq(events.type, "session.expired")));
    const recorded = await expired();
    expect(recorded.map((e) => e.subjectId).sort()).toEqual([idle.id, old.id, rp].sort());
    const reasons = Object.fromEntries(recorded.map((e) => [e.subjectId, e.data.reason]));
    expect(reasons[idle.id]).toBe("idle_timeout");
    expect(reasons[old.id]).toBe("absolute_timeout");
    expect(typeof reasons[rp]).toBe("string");

    // The next alarm is due when the live session lapses (idle, 30 minutes), not an hour later.
    const next = await runInDurableObject(stub, (_o, state) => state.storage.getAlarm());
    expect(next).toBeGreaterThan(now);
    expect(next).toBeLessThanOrEqual(t0 + 30 * MINUTE);
    // A second run ends nothing more and writes no second event.
    await runDurableObjectAlarm(stub);
    expect(await expired()).toHaveLength(3);
  });
});
