import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { seedAccount } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("accounts and /v1/me", () => {
  it("tells a key which single account it acts on, with its scopes", async () => {
    const s = await seedAccount(DB);
    const me = await apiCall("GET", "/v1/me", s.basicAuth);
    expect(me.status).toBe(200);
    const body = await dataOf<{
      type: string;
      accounts: { account_id: string; org_id: string; scopes: string[] }[];
      organizations: { org_id: string; scopes: string[] }[];
    }>(me);
    expect(body.type).toBe("api_key");
    expect(body.accounts).toHaveLength(1);
    expect(body.accounts[0]).toMatchObject({ account_id: s.accountId });
    expect(body.accounts[0]?.scopes.length).toBeGreaterThan(0);
    // authpi-admin's `CallerIdentity`: `key_id`, `issuer_id` and `organizations` (not `api_key_id`).
    expect(body).toMatchObject({ key_id: s.keyId, issuer_id: "i_platform" });
    expect(body).not.toHaveProperty("api_key_id");
    expect(body.organizations).toEqual([
      { org_id: body.accounts[0]?.org_id, scopes: body.accounts[0]?.scopes },
    ]);

    const listed = (await (await apiCall("GET", "/v1/accounts", s.basicAuth)).json()) as {
      data: { id: string }[];
      has_more: boolean;
    };
    expect(listed.data.map((a) => a.id)).toEqual([s.accountId]);
    expect(listed.has_more).toBe(false);
    expect((await apiCall("GET", "/v1/me", "Basic a2V5X3g6eQ==")).status).toBe(401);
    expect((await apiCall("GET", "/v1/accounts", "")).status).toBe(401);
  });

  it("reads and updates the account with If-Match, and records account.updated", async () => {
    const s = await seedAccount(DB);
    const path = `/v1/accounts/${s.accountId}`;
    const got = await apiCall("GET", path, s.basicAuth);
    expect(got.status).toBe(200);
    const etag = got.headers.get("etag") as string;
    const updated = await apiCall(
      "PATCH",
      path,
      s.basicAuth,
      { name: "Acme Inc", logo_url: "https://acme.example/logo.png", metadata: { plan: "pro" } },
      { "if-match": etag },
    );
    expect(updated.status).toBe(200);
    expect(await dataOf(updated)).toMatchObject({
      id: s.accountId,
      organization: { name: "Acme Inc", logo_url: "https://acme.example/logo.png" },
      metadata: { plan: "pro" },
    });
    const stale = await apiCall("PATCH", path, s.basicAuth, { name: "x" }, { "if-match": etag });
    expect(stale.status).toBe(412);
    const bad = await apiCall("PATCH", path, s.basicAuth, { logo_url: "not a url" });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      error_description: expect.stringContaining("logo_url"),
    });
    const types = (await s.db.select().from(events).where(eq(events.subjectId, s.accountId))).map(
      (e) => e.type,
    );
    expect(types).toContain("account.updated");
  });
});

describe("GET /v1/accounts/{account_id}/scopes", () => {
  it("lists every scope the routes require and marks which the key holds", async () => {
    const s = await seedAccount(DB);
    const created = await apiCall("POST", `/v1/accounts/${s.accountId}/api-keys`, s.basicAuth, {
      name: "reader",
      restrictions: { scopes: ["api-keys:read", "issuers.users:read"] },
    });
    const key = await dataOf<{ id: string; secret_plain: string }>(created);
    const auth = `Basic ${btoa(`${key.id}:${key.secret_plain}`)}`;
    const scopes = await dataOf<{ scope: string; granted: boolean }[]>(
      await apiCall("GET", `/v1/accounts/${s.accountId}/scopes`, auth),
    );
    const names = scopes.map((x) => x.scope);
    expect(names).toEqual(
      expect.arrayContaining(["issuers:write", "issuers.agents:read", "webhooks:manage"]),
    );
    expect(scopes.filter((x) => x.granted).map((x) => x.scope)).toEqual([
      "api-keys:read",
      "issuers.users:read",
    ]);
  });
});
