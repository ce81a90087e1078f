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

async function setup() {
  const seeded = await seedIssuer(DB);
  const base = `/v1/accounts/${seeded.accountId}/issuers/${seeded.issuer.id}/organizations`;
  return { seeded, base };
}

describe("organizations", () => {
  it("creates, reads, lists, suspends and deletes, each with its event", async () => {
    const { seeded, base } = await setup();
    const created = await call("POST", base, seeded.basicAuth, {
      name: "Acme",
      org_type: "business",
      max_members: 10,
    });
    expect(created.status).toBe(201);
    const org = ((await created.json()) as { data: Record<string, unknown> }).data;
    expect(org).toMatchObject({
      id: expect.stringMatching(/^org_/),
      name: "Acme",
      org_type: "business",
      max_members: 10,
      status: "active",
    });

    const got = await call("GET", `${base}/${org.id}`, seeded.basicAuth);
    const etag = got.headers.get("etag") as string;
    expect(etag).toBeTruthy();
    const listed = (await (await call("GET", base, seeded.basicAuth)).json()) as {
      data: { id: string }[];
      has_more: boolean;
    };
    expect(listed.data.map((o) => o.id)).toContain(org.id);

    const suspended = await call(
      "PATCH",
      `${base}/${org.id}`,
      seeded.basicAuth,
      { status: "suspended", status_reason: "unpaid" },
      { "if-match": etag },
    );
    expect(((await suspended.json()) as { data: { status: string } }).data.status).toBe(
      "suspended",
    );
    const stale = await call(
      "PATCH",
      `${base}/${org.id}`,
      seeded.basicAuth,
      { name: "Late" },
      { "if-match": etag },
    );
    expect(stale.status).toBe(412);
    expect(await stale.json()).toMatchObject({
      error: "precondition_failed",
      current_etag: suspended.headers.get("etag"),
      currentETag: suspended.headers.get("etag"),
      retryable: false,
    });

    expect((await call("DELETE", `${base}/${org.id}`, seeded.basicAuth)).status).toBe(204);
    expect((await call("GET", `${base}/${org.id}`, seeded.basicAuth)).status).toBe(404);
    const types = (
      await seeded.db
        .select()
        .from(events)
        .where(eq(events.subjectId, org.id as string))
    ).map((e) => e.type);
    expect(types).toEqual([
      "organization.created",
      "organization.suspended",
      "organization.deleted",
    ]);
  });

  it("validates input with the envelope and field names", async () => {
    const { seeded, base } = await setup();
    const response = await call("POST", base, seeded.basicAuth, { name: "x", org_type: "galaxy" });
    expect(response.status).toBe(422);
    const body = (await response.json()) as {
      error_description: string;
      fields: { field: string }[];
    };
    expect(body.fields.map((f) => f.field)).toContain("org_type");
  });

  it("never shows another account's organization", async () => {
    const { seeded, base } = await setup();
    const org = (
      (await (await call("POST", base, seeded.basicAuth, { name: "Mine" })).json()) as {
        data: { id: string };
      }
    ).data;
    const other = await setup();
    const foreign = await call("GET", `${other.base}/${org.id}`, other.seeded.basicAuth);
    expect(foreign.status).toBe(404);
    const crossAccount = await call("GET", `${base}/${org.id}`, other.seeded.basicAuth);
    expect(crossAccount.status).toBe(404);
  });
});

describe("organization members", () => {
  it("adds, updates and removes a user, enforcing max_members", async () => {
    const { seeded, base } = await setup();
    const org = (
      (await (
        await call("POST", base, seeded.basicAuth, { name: "Team", max_members: 1 })
      ).json()) as { data: { id: string } }
    ).data;
    const members = `${base}/${org.id}/members`;
    const added = await call("POST", members, seeded.basicAuth, {
      member_id: seeded.user.id,
      scopes: ["member"],
      user_title: "CTO",
    });
    expect(added.status).toBe(201);
    expect(((await added.json()) as { data: unknown }).data).toMatchObject({
      org_id: org.id,
      member_id: seeded.user.id,
      scopes: ["member"],
      user_title: "CTO",
      member_type: "user",
    });
    expect(
      (await call("POST", members, seeded.basicAuth, { member_id: seeded.user.id })).status,
    ).toBe(409);

    const updated = await call("PATCH", `${members}/${seeded.user.id}`, seeded.basicAuth, {
      scopes: ["owner"],
    });
    expect(((await updated.json()) as { data: { scopes: string[] } }).data.scopes).toEqual([
      "owner",
    ]);
    const page = (await (await call("GET", members, seeded.basicAuth)).json()) as {
      data: { member_id: string }[];
    };
    expect(page.data.map((m) => m.member_id)).toEqual([seeded.user.id]);
    expect((await call("DELETE", `${members}/${seeded.user.id}`, seeded.basicAuth)).status).toBe(
      204,
    );
    expect((await call("DELETE", `${members}/${seeded.user.id}`, seeded.basicAuth)).status).toBe(
      404,
    );
  });

  it("refuses a user of another issuer", async () => {
    const { seeded, base } = await setup();
    const other = await seedIssuer(DB);
    const org = (
      (await (await call("POST", base, seeded.basicAuth, { name: "Team" })).json()) as {
        data: { id: string };
      }
    ).data;
    const response = await call("POST", `${base}/${org.id}/members`, seeded.basicAuth, {
      member_id: other.user.id,
    });
    expect(response.status).toBe(404);
  });
});
