import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type ApprovalUser = {
  id: string;
  status: string;
  status_reason: string | null;
  username: string;
  approval: Record<string, unknown>;
};

async function pendingUsers(s: Awaited<ReturnType<typeof seedIssuer>>, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const user = await dataOf<{ id: string }>(
      await apiCall(
        "POST",
        `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users`,
        s.basicAuth,
        {
          username_type: "email",
          username: `waiting${i}@example.com`,
          status: "pending_approval",
        },
      ),
    );
    ids.push(user.id);
  }
  return ids;
}

describe("signup approvals", () => {
  it("lists waiting users oldest first with hashed usernames, and pages", async () => {
    const s = await seedIssuer(DB);
    const ids = await pendingUsers(s, 3);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/approvals`;
    const first = (await (await apiCall("GET", `${base}?limit=2`, s.basicAuth)).json()) as {
      data: { user_id: string; username_hash: string; status: string }[];
      has_more: boolean;
      next_cursor: string;
    };
    expect(first.data.map((u) => u.user_id)).toEqual(ids.slice(0, 2));
    expect(first.data[0]).toMatchObject({
      status: "pending_approval",
      username_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(JSON.stringify(first)).not.toContain("waiting0@example.com");
    const rest = await dataOf<{ user_id: string }[]>(
      await apiCall("GET", `${base}?limit=2&cursor=${first.next_cursor}`, s.basicAuth),
    );
    expect(rest.map((u) => u.user_id)).toEqual([ids[2]]);
    const got = await dataOf<ApprovalUser>(await apiCall("GET", `${base}/${ids[0]}`, s.basicAuth));
    expect(got).toMatchObject({
      username: "waiting0@example.com",
      approval: { status: "pending", requested_at: expect.any(Number) },
    });
    // The active seeded user is no approval.
    expect((await apiCall("GET", `${base}/${s.user.id}`, s.basicAuth)).status).toBe(404);
  });

  it("approves to active and rejects to suspended, once each, with events", async () => {
    const s = await seedIssuer(DB);
    const [yes, no] = await pendingUsers(s, 2);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/approvals`;
    const etag = (await apiCall("GET", `${base}/${yes}`, s.basicAuth)).headers.get(
      "etag",
    ) as string;
    expect(
      (
        await apiCall(
          "PATCH",
          `${base}/${yes}`,
          s.basicAuth,
          { status: "approved" },
          { "if-match": '"1"' },
        )
      ).status,
    ).toBe(412);
    const approved = await apiCall(
      "PATCH",
      `${base}/${yes}`,
      s.basicAuth,
      { status: "approved" },
      {
        "if-match": etag,
      },
    );
    expect(approved.status).toBe(200);
    expect(await dataOf<ApprovalUser>(approved)).toMatchObject({
      status: "active",
      approval: { status: "approved", decided_by: s.keyId, decided_at: expect.any(Number) },
    });
    const rejected = await apiCall("PATCH", `${base}/${no}`, s.basicAuth, {
      status: "rejected",
      reason: "not an employee",
    });
    expect(await dataOf<ApprovalUser>(rejected)).toMatchObject({
      status: "suspended",
      status_reason: "not an employee",
      approval: { status: "rejected", reason: "not an employee" },
    });
    const again = await apiCall("PATCH", `${base}/${yes}`, s.basicAuth, { status: "rejected" });
    expect(again.status).toBe(409);
    expect((await apiCall("GET", `${base}/${yes}`, s.basicAuth)).status).toBe(404);
    const listed = await dataOf<unknown[]>(await apiCall("GET", base, s.basicAuth));
    expect(listed).toEqual([]);
    const recorded = await s.db
      .select({ type: events.type, subjectId: events.subjectId })
      .from(events)
      .where(and(eq(events.issuerId, s.issuer.id), like(events.type, "user.approval.%")))
      .orderBy(events.id);
    expect(recorded).toEqual([
      { type: "user.approval.approved", subjectId: yes },
      { type: "user.approval.rejected", subjectId: no },
    ]);
  });

  it("refuses other decisions, unknown fields and another issuer's users", async () => {
    const s = await seedIssuer(DB);
    const [waiting] = await pendingUsers(s, 1);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/approvals`;
    for (const body of [{ status: "active" }, { status: "approved", extra: 1 }, {}]) {
      expect((await apiCall("PATCH", `${base}/${waiting}`, s.basicAuth, body)).status).toBe(422);
    }
    const other = await dataOf<{ id: string }>(
      await apiCall("POST", `/v1/accounts/${s.accountId}/issuers`, s.basicAuth, { name: "other" }),
    );
    const elsewhere = `/v1/accounts/${s.accountId}/issuers/${other.id}/approvals/${waiting}`;
    expect((await apiCall("GET", elsewhere, s.basicAuth)).status).toBe(404);
    expect((await apiCall("PATCH", elsewhere, s.basicAuth, { status: "approved" })).status).toBe(
      404,
    );
    const still = await dataOf<ApprovalUser>(
      await apiCall("GET", `${base}/${waiting}`, s.basicAuth),
    );
    expect(still.status).toBe("pending_approval");
  });
});
