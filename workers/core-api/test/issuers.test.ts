import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db/schema";
import { seedAccount } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
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
