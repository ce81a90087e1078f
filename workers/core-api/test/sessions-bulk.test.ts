import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { issuerStoreOf, openRpSession, openSessions } from "@authpi/testkit/many-sessions";
import { apiCall } from "@authpi/testkit/worker-fetch";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

/** The `session.terminated` events of an issuer, by session id. */
async function terminated(s: Seeded) {
  const rows = await s.db
    .select()
    .from(events)
    .where(and(eq(events.issuerId, s.issuer.id), eq(events.type, "session.terminated")));
  return new Map(rows.map((row) => [row.subjectId, row]));
}

async function expectAllEnded(s: Seeded, ids: string[], reason: string) {
  const store = issuerStoreOf(s.issuer.id);
  const views = await store.listSessions({ userId: s.user.id }, Date.now());
  const live = views.filter((v) => ids.includes(v.id) && v.status !== "revoked");
  expect(live).toEqual([]);
  const recorded = await terminated(s);
  expect(recorded.size).toBe(ids.length);
  for (const id of ids) expect(recorded.get(id)?.data).toMatchObject({ reason });
}

// Hundreds of rows take seconds on a loaded machine; the limit only guards against a hang.
describe("ending hundreds of sessions at once", { timeout: 60_000 }, () => {
  it("suspending a user ends their 300 sessions, each with its session.terminated", async () => {
    const s = await seedIssuer(DB);
    const ids = await openSessions(s.issuer.id, s.user.id, s.web.client.id, {
      ops: 50,
      rpsPerOp: 5,
    });
    expect(ids).toHaveLength(300);
    const userPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}`;
    const response = await apiCall("PATCH", userPath, s.basicAuth, { status: "suspended" });
    expect(response.status).toBe(200);
    await expectAllEnded(s, ids, "user_blocked");
    const blocked = await s.db
      .select()
      .from(events)
      .where(and(eq(events.subjectId, s.user.id), eq(events.type, "user.blocked")));
    expect(blocked).toHaveLength(1);
  });

  it("deleting a user ends their 300 sessions, each with its session.terminated", async () => {
    const s = await seedIssuer(DB);
    const ids = await openSessions(s.issuer.id, s.user.id, s.spa.client.id, {
      ops: 30,
      rpsPerOp: 9,
    });
    const userPath = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}`;
    expect((await apiCall("DELETE", userPath, s.basicAuth)).status).toBe(204);
    await expectAllEnded(s, ids, "user_deleted");
  });

  it("revoking an SSO session ends its 299 rp sessions with it, each recorded", async () => {
    const s = await seedIssuer(DB);
    const [op] = await openSessions(s.issuer.id, s.user.id, s.web.client.id, {
      ops: 1,
      rpsPerOp: 0,
    });
    const store = issuerStoreOf(s.issuer.id);
    const rps = await Promise.all(
      Array.from({ length: 299 }, () =>
        openRpSession(store, { id: op!, userId: s.user.id }, s.web.client.id),
      ),
    );
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/sessions/${op}/revoke`;
    const response = await apiCall("POST", path, s.basicAuth, { reason: "stolen laptop" });
    expect(response.status).toBe(200);
    await expectAllEnded(s, [op!, ...rps], "stolen laptop");
  });

  it("suspending and reactivating an SSO session records each of its 300 sessions", async () => {
    const s = await seedIssuer(DB);
    const [op] = await openSessions(s.issuer.id, s.user.id, s.web.client.id, {
      ops: 1,
      rpsPerOp: 0,
    });
    const store = issuerStoreOf(s.issuer.id);
    await Promise.all(
      Array.from({ length: 299 }, () =>
        openRpSession(store, { id: op!, userId: s.user.id }, s.web.client.id),
      ),
    );
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/sessions/${op}`;
    expect((await apiCall("POST", `${base}/suspend`, s.basicAuth)).status).toBe(200);
    expect((await apiCall("POST", `${base}/reactivate`, s.basicAuth)).status).toBe(200);
    const updated = await s.db
      .select()
      .from(events)
      .where(and(eq(events.issuerId, s.issuer.id), eq(events.type, "session.updated")));
    const reasons = updated.map((e) => e.data.reason);
    expect(reasons.filter((r) => r === "suspended")).toHaveLength(300);
    expect(reasons.filter((r) => r === "reactivated")).toHaveLength(300);
  });
});
