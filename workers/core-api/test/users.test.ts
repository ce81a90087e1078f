import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

function call(
  method: string,
  path: string,
  auth: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return workerFetch(path, {
    method,
    headers: { "content-type": "application/json", authorization: auth, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("users", () => {
  it("creates, finds by username, updates claims, blocks, unblocks and deletes, with events", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users`;
    const created = await call("POST", base, s.basicAuth, {
      username_type: "email",
      username: "Bob@Example.com",
      password: "long enough secret",
    });
    const user = ((await created.json()) as { data: { id: string; username: string } }).data;
    expect(user.username).toBe("bob@example.com");
    const found = (await (
      await call("GET", `${base}?username=BOB@example.com`, s.basicAuth)
    ).json()) as { data: { id: string }[] };
    expect(found.data.map((u) => u.id)).toEqual([user.id]);

    const got = await call("GET", `${base}/${user.id}`, s.basicAuth);
    const etag = got.headers.get("etag") as string;
    const updated = await call(
      "PATCH",
      `${base}/${user.id}`,
      s.basicAuth,
      { profile: { first_name: "Bob" }, custom_claims: { tier: "gold" } },
      { "if-match": etag },
    );
    expect(((await updated.json()) as { data: unknown }).data).toMatchObject({
      profile: { first_name: "Bob" },
      custom_claims: { tier: "gold" },
    });
    expect(
      (await call("PATCH", `${base}/${user.id}`, s.basicAuth, { scopes: [] }, { "if-match": etag }))
        .status,
    ).toBe(412);

    const blocked = await call("PATCH", `${base}/${user.id}`, s.basicAuth, {
      status: "blocked",
      status_reason: "fraud",
    });
    // `blocked` is the legacy word for AuthPI's `suspended`.
    expect(((await blocked.json()) as { data: { status: string } }).data.status).toBe("suspended");
    const listed = (await (await call("GET", `${base}?status=blocked`, s.basicAuth)).json()) as {
      data: { id: string }[];
    };
    expect(listed.data.map((u) => u.id)).toEqual([user.id]);
    await call("PATCH", `${base}/${user.id}`, s.basicAuth, { blocked: false });
    expect((await call("DELETE", `${base}/${user.id}`, s.basicAuth)).status).toBe(204);
    expect((await call("GET", `${base}/${user.id}`, s.basicAuth)).status).toBe(404);

    const types = (await s.db.select().from(events).where(eq(events.subjectId, user.id))).map(
      (e) => e.type,
    );
    expect(types).toEqual([
      "user.created",
      "user.updated",
      "user.blocked",
      "user.unblocked",
      "user.deleted",
    ]);
  });

  it("rejects invalid input in the envelope with field names", async () => {
    const s = await seedIssuer(DB);
    const response = await call(
      "POST",
      `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users`,
      s.basicAuth,
      {
        username_type: "email",
        username: "not-an-email",
        password: "short",
      },
    );
    expect(response.status).toBe(422);
    const body = (await response.json()) as { fields: { field: string }[] };
    expect(body.fields.map((f) => f.field).sort()).toEqual(["password", "username"]);
  });
});
