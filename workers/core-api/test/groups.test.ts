import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Group = {
  id: string;
  org_id: string;
  name: string;
  description: string | null;
  scopes: string[];
};

async function orgOf(s: Awaited<ReturnType<typeof seedIssuer>>, name = "acme") {
  const orgs = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/organizations`;
  const org = await dataOf<{ id: string }>(await apiCall("POST", orgs, s.basicAuth, { name }));
  return { org, groups: `${orgs}/${org.id}/groups` };
}

describe("organization groups", () => {
  it("creates, lists, pages, updates with If-Match and deletes, with events", async () => {
    const s = await seedIssuer(DB);
    const { org, groups } = await orgOf(s);
    const created = await apiCall("POST", groups, s.basicAuth, {
      name: "Admins",
      description: "Can manage billing",
      scopes: ["billing:write", "billing:write", "projects:*"],
    });
    expect(created.status).toBe(201);
    const admins = await dataOf<Group>(created);
    expect(admins).toMatchObject({
      id: expect.stringMatching(/^grp_/),
      org_id: org.id,
      scopes: ["billing:write", "projects:*"],
    });
    const viewers = await dataOf<Group>(
      await apiCall("POST", groups, s.basicAuth, { name: "Viewers" }),
    );
    const first = (await (await apiCall("GET", `${groups}?limit=1`, s.basicAuth)).json()) as {
      data: Group[];
      has_more: boolean;
      next_cursor: string;
    };
    expect(first).toMatchObject({ data: [{ id: viewers.id }], has_more: true });
    const second = await dataOf<Group[]>(
      await apiCall("GET", `${groups}?limit=1&cursor=${first.next_cursor}`, s.basicAuth),
    );
    expect(second.map((g) => g.id)).toEqual([admins.id]);

    const got = await apiCall("GET", `${groups}/${admins.id}`, s.basicAuth);
    const etag = got.headers.get("etag") as string;
    expect(
      (
        await apiCall(
          "PATCH",
          `${groups}/${admins.id}`,
          s.basicAuth,
          { name: "x" },
          { "if-match": '"1"' },
        )
      ).status,
    ).toBe(412);
    const updated = await apiCall(
      "PATCH",
      `${groups}/${admins.id}`,
      s.basicAuth,
      { description: null, scopes: ["billing:read"] },
      { "if-match": etag },
    );
    expect(await dataOf<Group>(updated)).toMatchObject({
      description: null,
      scopes: ["billing:read"],
    });
    expect((await apiCall("DELETE", `${groups}/${admins.id}`, s.basicAuth)).status).toBe(204);
    expect((await apiCall("GET", `${groups}/${admins.id}`, s.basicAuth)).status).toBe(404);
    const recorded = await s.db
      .select({ type: events.type })
      .from(events)
      .where(and(eq(events.issuerId, s.issuer.id), like(events.type, "organization.group.%")))
      .orderBy(events.id);
    expect(recorded.map((e) => e.type)).toEqual([
      "organization.group.created",
      "organization.group.created",
      "organization.group.updated",
      "organization.group.deleted",
    ]);
  });

  it("refuses a second group of the same name, bad scopes and unknown fields", async () => {
    const s = await seedIssuer(DB);
    const { groups } = await orgOf(s);
    await apiCall("POST", groups, s.basicAuth, { name: "Ops" });
    const [ops] = await dataOf<Group[]>(await apiCall("GET", groups, s.basicAuth));
    expect((await apiCall("POST", groups, s.basicAuth, { name: "Ops" })).status).toBe(409);
    const dev = await dataOf<Group>(await apiCall("POST", groups, s.basicAuth, { name: "Dev" }));
    expect(
      (await apiCall("PATCH", `${groups}/${dev.id}`, s.basicAuth, { name: "Ops" })).status,
    ).toBe(409);
    expect(
      (await apiCall("PATCH", `${groups}/${ops?.id}`, s.basicAuth, { name: "Ops" })).status,
    ).toBe(200);
    for (const body of [
      { name: "" },
      { name: "x", scopes: ["has space"] },
      { name: "y", members: [] },
    ]) {
      const response = await apiCall("POST", groups, s.basicAuth, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
    }
  });

  it("keeps groups inside their organization and issuer, and deletes them with it", async () => {
    const s = await seedIssuer(DB);
    const { org, groups } = await orgOf(s, "one");
    const { groups: otherGroups } = await orgOf(s, "two");
    const group = await dataOf<Group>(await apiCall("POST", groups, s.basicAuth, { name: "G" }));
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const response = await apiCall(
        method,
        `${otherGroups}/${group.id}`,
        s.basicAuth,
        method === "PATCH" ? { name: "z" } : undefined,
      );
      expect(response.status, method).toBe(404);
    }
    const other = await seedIssuer(DB);
    const foreign = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/organizations/${org.id}/groups`;
    const theirs = `/v1/accounts/${other.accountId}/issuers/${other.issuer.id}/organizations/${org.id}/groups`;
    expect((await apiCall("GET", theirs, other.basicAuth)).status).toBe(404);
    expect((await apiCall("GET", foreign, s.basicAuth)).status).toBe(200);

    expect(
      (
        await apiCall(
          "DELETE",
          `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/organizations/${org.id}`,
          s.basicAuth,
        )
      ).status,
    ).toBe(204);
    const left = await s.db.query.organizationGroups.findFirst({
      where: (g, { eq: equals }) => equals(g.id, group.id),
    });
    expect(left).toBeUndefined();
  });
});
