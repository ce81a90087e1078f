import { env } from "cloudflare:workers";
import { grantConsent } from "@authpi/domain/consents";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { issuerStoreOf, openSessions } from "@authpi/testkit/many-sessions";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Consent = { client_id: string; client_name: string | null; scopes: string[] };

async function seeded() {
  const s = await seedIssuer(DB);
  await grantConsent(s.db, s.ctx, s.issuer.id, s.user.id, s.web.client.id, ["openid", "email"]);
  await grantConsent(s.db, s.ctx, s.issuer.id, s.user.id, s.spa.client.id, ["openid"]);
  const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/consents`;
  return { ...s, base };
}

async function keyWith(s: Awaited<ReturnType<typeof seeded>>, scopes: string[]) {
  const created = await apiCall("POST", `/v1/accounts/${s.accountId}/api-keys`, s.basicAuth, {
    name: "consents",
    restrictions: { scopes },
  });
  const key = await dataOf<{ id: string; secret_plain: string }>(created);
  return `Basic ${btoa(`${key.id}:${key.secret_plain}`)}`;
}

describe("user consents", () => {
  it("lists a user's consents with the client's name and scopes", async () => {
    const s = await seeded();
    const listed = await apiCall("GET", s.base, s.basicAuth);
    expect(listed.status).toBe(200);
    const body = (await listed.clone().json()) as { has_more: boolean; next_cursor: null };
    expect(body).toMatchObject({ has_more: false, next_cursor: null });
    const data = await dataOf<Consent[]>(listed);
    expect(data.map((c) => [c.client_id, c.client_name, c.scopes]).sort()).toEqual(
      [
        [s.web.client.id, "web", ["openid", "email"]],
        [s.spa.client.id, "spa", ["openid"]],
      ].sort(),
    );
  });

  it("withdraws one consent (204), ending that client's sessions of the user only", async () => {
    const s = await seeded();
    const [op, webRp] = await openSessions(s.issuer.id, s.user.id, s.web.client.id, {
      ops: 1,
      rpsPerOp: 1,
    });
    const store = issuerStoreOf(s.issuer.id);
    const deleted = await apiCall("DELETE", `${s.base}/${s.web.client.id}`, s.basicAuth);
    expect(deleted.status).toBe(204);
    expect((await store.getSession(webRp as string, Date.now()))?.status).toBe("revoked");
    expect((await store.getSession(op as string, Date.now()))?.status).toBe("active");
    const left = await dataOf<Consent[]>(await apiCall("GET", s.base, s.basicAuth));
    expect(left.map((c) => c.client_id)).toEqual([s.spa.client.id]);
    const revoked = await s.db
      .select()
      .from(events)
      .where(and(eq(events.type, "user.consent.revoked"), eq(events.subjectId, s.user.id)));
    expect(revoked).toHaveLength(1);
    const again = await apiCall("DELETE", `${s.base}/${s.web.client.id}`, s.basicAuth);
    expect(again.status).toBe(404);
  });

  it("answers 404 for another issuer's user and refuses a key without the write scope", async () => {
    const s = await seeded();
    const other = await seedIssuer(DB);
    const foreign = `/v1/accounts/${other.accountId}/issuers/${other.issuer.id}/users/${s.user.id}/consents`;
    expect((await apiCall("GET", foreign, other.basicAuth)).status).toBe(404);
    expect((await apiCall("DELETE", `${foreign}/${s.web.client.id}`, other.basicAuth)).status).toBe(
      404,
    );
    const reader = await keyWith(s, ["issuers.users.consents:read"]);
    expect((await apiCall("GET", s.base, reader)).status).toBe(200);
    expect((await apiCall("DELETE", `${s.base}/${s.web.client.id}`, reader)).status).toBe(403);
  });
});
