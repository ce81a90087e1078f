import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { linkIdentityWrites, type UpstreamConnection } from "@authpi/domain/upstream";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

const connection = (id: string): UpstreamConnection => ({
  id,
  source: { kind: "auth_method", authMethodId: id },
  protocol: "oidc",
  provider: "google",
  displayName: "Google",
  clientId: "c",
  clientSecret: null,
  issuer: "https://accounts.google.com",
  authorizationEndpoint: null,
  tokenEndpoint: null,
  userinfoEndpoint: null,
  scopes: ["openid"],
  responseMode: "query",
  mfa: { amrValues: [], acrValues: [] },
});

async function linked(s: Awaited<ReturnType<typeof seedIssuer>>, userId: string, subject: string) {
  const { row, writes } = linkIdentityWrites(
    s.db,
    { ...s.ctx, now: Date.now() },
    {
      issuerId: s.issuer.id,
      userId,
      connection: connection("am_google"),
      profile: {
        subject,
        issuer: "https://accounts.google.com",
        email: "alice@example.com",
        emailVerified: true,
        name: null,
        givenName: null,
        familyName: null,
        picture: null,
        amr: [],
        acr: null,
      },
    },
  );
  await s.db.batch([...writes]);
  return row;
}

describe("a user's linked identities (Core API)", () => {
  it("lists them in the list envelope and unlinks one with user.identity.unlinked", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/identities`;
    const row = await linked(s, s.user.id, "google-sub-1");
    const listed = await apiCall("GET", base, s.basicAuth);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({
      data: [
        {
          id: row.id,
          user_id: s.user.id,
          connection_id: "am_google",
          provider: "google",
          issuer: "https://accounts.google.com",
          subject: "google-sub-1",
          email: "alice@example.com",
          created_at: row.createdAt,
          last_used_at: row.lastUsedAt,
        },
      ],
      has_more: false,
      next_cursor: null,
    });
    expect(row.id).toMatch(/^idn_/);
    const removed = await apiCall("DELETE", `${base}/${row.id}`, s.basicAuth);
    expect(removed.status).toBe(204);
    expect(await dataOf<unknown[]>(await apiCall("GET", base, s.basicAuth))).toEqual([]);
    const trail = await s.db
      .select()
      .from(events)
      .where(and(eq(events.subjectId, s.user.id), eq(events.type, "user.identity.unlinked")));
    expect(trail.map((e) => e.data)).toEqual([
      { identity_id: row.id, connection_id: "am_google", provider: "google" },
    ]);
    expect((await apiCall("DELETE", `${base}/${row.id}`, s.basicAuth)).status).toBe(404);
  });

  it("never reaches another issuer's user or identity, and needs the identities scope", async () => {
    const a = await seedIssuer(DB);
    const b = await seedIssuer(DB);
    const row = await linked(b, b.user.id, "google-sub-b");
    const crossUser = `/v1/accounts/${a.accountId}/issuers/${a.issuer.id}/users/${b.user.id}/identities`;
    expect((await apiCall("GET", crossUser, a.basicAuth)).status).toBe(404);
    const ownUser = `/v1/accounts/${a.accountId}/issuers/${a.issuer.id}/users/${a.user.id}/identities`;
    expect((await apiCall("DELETE", `${ownUser}/${row.id}`, a.basicAuth)).status).toBe(404);
    const otherAccount = `/v1/accounts/${b.accountId}/issuers/${b.issuer.id}/users/${b.user.id}/identities`;
    expect((await apiCall("GET", otherAccount, a.basicAuth)).status).toBe(404);
  });
});
