import type { D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { issuerStoreOf, openSessions } from "@authpi/testkit/many-sessions";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;
type User = { id: string; status: string; status_reason: string | null };

const usersPath = (s: Seeded) => `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users`;

async function newUser(s: Seeded, name: string, status?: string) {
  const response = await apiCall("POST", usersPath(s), s.basicAuth, {
    username_type: "email",
    username: `${name}@example.com`,
    ...(status ? { status } : {}),
  });
  expect(response.status).toBe(201);
  return dataOf<User>(response);
}

const patch = (s: Seeded, id: string, body: unknown) =>
  apiCall("PATCH", `${usersPath(s)}/${id}`, s.basicAuth, body);

async function typesOf(s: Seeded, userId: string) {
  const rows = await s.db
    .select()
    .from(events)
    .where(and(eq(events.subjectId, userId), eq(events.subjectType, "user")))
    .orderBy(asc(events.id));
  return rows.map((row) => [row.type, row.data.status]);
}

// Hundreds of rows take seconds on a loaded machine; the limit only guards against a hang.
describe("user statuses", { timeout: 60_000 }, () => {
  it("walks the lifecycle: suspend and back, disable for good, then soft delete", async () => {
    const s = await seedIssuer(DB);
    const user = await newUser(s, "walker");
    const suspended = await patch(s, user.id, { status: "suspended", status_reason: "review" });
    expect(await dataOf(suspended)).toMatchObject({ status: "suspended", status_reason: "review" });
    expect((await dataOf<User>(await patch(s, user.id, { status: "active" }))).status).toBe(
      "active",
    );
    expect((await dataOf<User>(await patch(s, user.id, { status: "disabled" }))).status).toBe(
      "disabled",
    );
    for (const back of ["active", "suspended", "blocked"]) {
      const refused = await patch(s, user.id, { status: back });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({ error: "conflict" });
    }
    expect((await patch(s, user.id, { blocked: false })).status).toBe(409);
    expect((await dataOf<User>(await patch(s, user.id, { status: "deleted" }))).status).toBe(
      "deleted",
    );
    for (const back of ["active", "suspended", "disabled"]) {
      expect((await patch(s, user.id, { status: back })).status).toBe(409);
    }
    const got = await apiCall("GET", `${usersPath(s)}/${user.id}`, s.basicAuth);
    expect((await dataOf<User>(got)).status).toBe("deleted");
    expect(await typesOf(s, user.id)).toEqual([
      ["user.created", undefined],
      ["user.blocked", "suspended"],
      ["user.unblocked", "active"],
      ["user.blocked", "disabled"],
      ["user.deleted", "deleted"],
    ]);
    expect((await apiCall("DELETE", `${usersPath(s)}/${user.id}`, s.basicAuth)).status).toBe(204);
    expect((await apiCall("GET", `${usersPath(s)}/${user.id}`, s.basicAuth)).status).toBe(404);
    const last = (await typesOf(s, user.id)).at(-1);
    expect(last).toEqual(["user.deleted", "deleted"]);
  });

  it("takes the legacy `blocked` (status or flag) as `suspended`", async () => {
    const s = await seedIssuer(DB);
    const user = await newUser(s, "legacy");
    expect((await dataOf<User>(await patch(s, user.id, { status: "blocked" }))).status).toBe(
      "suspended",
    );
    expect((await dataOf<User>(await patch(s, user.id, { blocked: false }))).status).toBe("active");
    expect((await dataOf<User>(await patch(s, user.id, { blocked: true }))).status).toBe(
      "suspended",
    );
    const created = await newUser(s, "born-blocked", "blocked");
    expect(created.status).toBe("suspended");
    const refused = await apiCall("POST", usersPath(s), s.basicAuth, {
      username: "born-deleted",
      status: "deleted",
    });
    expect(refused.status).toBe(422);
  });

  it("lists by each status, and leaves soft-deleted users out unless asked", async () => {
    const s = await seedIssuer(DB);
    const made: Record<string, string> = { active: s.user.id };
    for (const status of ["suspended", "disabled"])
      made[status] = (await newUser(s, status, status)).id;
    const gone = await newUser(s, "gone");
    await patch(s, gone.id, { status: "deleted" });
    made.deleted = gone.id;
    const ids = async (query: string) =>
      (await dataOf<{ id: string }[]>(await apiCall("GET", `${usersPath(s)}${query}`, s.basicAuth)))
        .map((u) => u.id)
        .sort();
    for (const [status, id] of Object.entries(made))
      expect(await ids(`?status=${status}`)).toEqual([id]);
    expect(await ids("?status=blocked")).toEqual([made.suspended]);
    expect(await ids("")).toEqual([made.active, made.suspended, made.disabled].sort());
    expect(await ids("?username=gone@example.com")).toEqual([]);
    expect((await apiCall("GET", `${usersPath(s)}?status=archived`, s.basicAuth)).status).toBe(422);
  });

  it("ends the sessions of a user who leaves active, whatever the new status", async () => {
    for (const status of ["suspended", "disabled", "deleted"]) {
      const s = await seedIssuer(DB);
      const ids = await openSessions(s.issuer.id, s.user.id, s.web.client.id, {
        ops: 2,
        rpsPerOp: 2,
      });
      expect((await patch(s, s.user.id, { status })).status).toBe(200);
      const views = await issuerStoreOf(s.issuer.id).listSessions(
        { userId: s.user.id },
        Date.now(),
      );
      expect(views.map((v) => [v.status, v.endedReason])).toEqual(
        ids.map(() => ["revoked", status === "deleted" ? "user_deleted" : "user_blocked"]),
      );
    }
  });

  it("keeps a soft-deleted user's username taken until DELETE frees it", async () => {
    const s = await seedIssuer(DB);
    const user = await newUser(s, "holder");
    await patch(s, user.id, { status: "deleted" });
    const again = { username_type: "email", username: "holder@example.com" };
    const taken = await apiCall("POST", usersPath(s), s.basicAuth, again);
    expect(taken.status).toBe(409);
    await apiCall("DELETE", `${usersPath(s)}/${user.id}`, s.basicAuth);
    expect((await apiCall("POST", usersPath(s), s.basicAuth, again)).status).toBe(201);
  });
});

describe("migration 0005", () => {
  it("turns users stored as blocked into suspended", async () => {
    const migrations = (env as unknown as { TEST_MIGRATIONS: D1Migration[] }).TEST_MIGRATIONS;
    const s = await seedIssuer(DB);
    const user = await newUser(s, "legacy-blocked");
    await DB.prepare("UPDATE users SET status = 'blocked' WHERE id = ?").bind(user.id).run();
    const migration = migrations.find((m) => m.name.startsWith("0005_"));
    for (const query of migration?.queries ?? []) await DB.prepare(query).run();
    const got = await dataOf<User>(await apiCall("GET", `${usersPath(s)}/${user.id}`, s.basicAuth));
    expect(got.status).toBe("suspended");
  });
});
