import { env } from "cloudflare:workers";
import { events, users } from "@authpi/domain/db";
import { seedAccount, seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf, workerFetch } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

function post(path: string, auth: string | null, body: unknown) {
  return workerFetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
    body: JSON.stringify(body),
  });
}

describe("POST /v1/accounts/{account_id}/issuers", () => {
  it("creates an issuer in AuthPI's shape and records issuer.created", async () => {
    const account = await seedAccount(DB);
    const response = await post(`/v1/accounts/${account.accountId}/issuers`, account.basicAuth, {
      name: "acme-prod",
    });
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as { data: Record<string, unknown> };
    expect(data).toMatchObject({
      id: expect.stringMatching(/^i_[0-9a-z]{25}$/),
      account_id: account.accountId,
      name: "acme-prod",
      status: "active",
      available_scopes: [],
      metadata: {},
      updated_at: null,
    });
    expect(response.headers.get("etag")).toBe(`"${data.created_at}"`);
    const recorded = await account.db
      .select()
      .from(events)
      .where(eq(events.subjectId, data.id as string));
    expect(recorded.map((e) => e.type)).toEqual(["issuer.created"]);
  });

  it("names the bad field on invalid input (422)", async () => {
    const account = await seedAccount(DB);
    const response = await post(`/v1/accounts/${account.accountId}/issuers`, account.basicAuth, {
      name: "",
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error: string;
      error_description: string;
      fields: unknown[];
    };
    expect(body.error).toBe("invalid_request");
    expect(body.error_description).toContain("name");
    expect(body.fields).toEqual([expect.objectContaining({ field: "name" })]);
  });
});

describe("Core API authentication", () => {
  it.each([
    ["missing", null],
    ["not basic", "Bearer abc"],
    ["unknown key", `Basic ${btoa("key_00000000000000000000000000000000:nope")}`],
    ["garbage", "Basic !!!"],
  ])("refuses %s credentials with 401 and the envelope", async (_name, auth) => {
    const account = await seedAccount(DB);
    const response = await post(`/v1/accounts/${account.accountId}/issuers`, auth, { name: "x" });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: "unauthorized",
      error_description: expect.any(String),
    });
  });

  it("refuses a right key id with a wrong secret", async () => {
    const account = await seedAccount(DB);
    const auth = `Basic ${btoa(`${account.keyId}:${account.secret}x`)}`;
    const response = await post(`/v1/accounts/${account.accountId}/issuers`, auth, { name: "x" });
    expect(response.status).toBe(401);
  });

  it("answers 404, never 403, for another account's path", async () => {
    const mine = await seedAccount(DB);
    const theirs = await seedAccount(DB);
    const response = await post(`/v1/accounts/${theirs.accountId}/issuers`, mine.basicAuth, {
      name: "x",
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: "not_found" });
  });
});

describe("GET /v1/accounts/{account_id}/issuers", () => {
  it("pages newest first with a cursor", async () => {
    const account = await seedAccount(DB);
    for (const name of ["one", "two", "three"]) {
      await post(`/v1/accounts/${account.accountId}/issuers`, account.basicAuth, { name });
    }
    const headers = { authorization: account.basicAuth };
    const first = await workerFetch(`/v1/accounts/${account.accountId}/issuers?limit=2`, {
      headers,
    });
    const page1 = (await first.json()) as {
      data: { name: string }[];
      has_more: boolean;
      next_cursor: string;
    };
    expect(page1.data.map((i) => i.name)).toEqual(["three", "two"]);
    expect(page1.has_more).toBe(true);
    const second = await workerFetch(
      `/v1/accounts/${account.accountId}/issuers?limit=2&cursor=${page1.next_cursor}`,
      { headers },
    );
    expect(await second.json()).toMatchObject({
      data: [{ name: "one" }],
      has_more: false,
      next_cursor: null,
    });
  });
});

describe("issuer update and delete", () => {
  it("merges settings, keeps the defaults it was not given, and names a bad field", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    const got = await apiCall("GET", path, s.basicAuth);
    const etag = got.headers.get("etag") as string;
    const updated = await apiCall(
      "PATCH",
      path,
      s.basicAuth,
      {
        name: "renamed",
        links: { privacy_policy: "https://example.com/privacy" },
        settings: {
          access: { mode: "open", sessions: { max_age: 3600 } },
          branding: { color: "#123456" },
        },
      },
      { "if-match": etag },
    );
    expect(updated.status).toBe(200);
    expect(updated.headers.get("etag")).not.toBe(etag);
    const issuer = await dataOf<{ name: string; settings: Record<string, unknown> }>(updated);
    expect(issuer.name).toBe("renamed");
    expect(issuer.settings).toMatchObject({
      access: {
        mode: "open",
        sessions: { max_age: 3600, idle_timeout: 12 * 3600 },
        tokens: { access_token_ttl: 1800 },
      },
      branding: { color: "#123456" },
    });

    const stale = await apiCall("PATCH", path, s.basicAuth, { name: "x" }, { "if-match": etag });
    expect(stale.status).toBe(412);
    const bad = await apiCall("PATCH", path, s.basicAuth, {
      settings: { access: { sessions: { idle_timeout: 31 * 86_400 } } },
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      error_description: expect.stringContaining("settings.access.sessions.idle_timeout"),
    });
    const after = await dataOf<{ settings: unknown }>(await apiCall("GET", path, s.basicAuth));
    expect(after.settings).toEqual(issuer.settings);
  });

  it("deletes an issuer with its clients and users, and records issuer.deleted", async () => {
    const s = await seedIssuer(DB);
    const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    expect((await apiCall("DELETE", path, s.basicAuth)).status).toBe(204);
    expect((await apiCall("GET", path, s.basicAuth)).status).toBe(404);
    expect((await apiCall("GET", `${path}/clients/${s.web.client.id}`, s.basicAuth)).status).toBe(
      404,
    );
    const left = await s.db.select().from(users).where(eq(users.issuerId, s.issuer.id));
    expect(left).toEqual([]);
    const types = (await s.db.select().from(events).where(eq(events.subjectId, s.issuer.id))).map(
      (e) => e.type,
    );
    expect(types).toEqual(["issuer.created", "issuer.deleted"]);
  });
});
