import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events } from "../db/schema.ts";
import type { SessionView } from "../oauth/issuer-store-contract.ts";
import { grantConsent, listConsents, revokeConsent } from "./manage-consents.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

function fakeStore(ended: Partial<SessionView>[] = []) {
  const calls: unknown[][] = [];
  return {
    calls,
    endClientSessions: async (...args: unknown[]) => {
      calls.push(args);
      return ended as SessionView[];
    },
  };
}

async function eventTypes(db: Awaited<ReturnType<typeof seedIssuer>>["db"], userId: string) {
  const rows = await db
    .select({ type: events.type, data: events.data })
    .from(events)
    .where(and(eq(events.subjectType, "user"), eq(events.subjectId, userId)));
  return rows.filter((r) => r.type.startsWith("user.consent."));
}

describe("consents", () => {
  it("grants as a union of scopes, keeps granted_at, and lists with the client's name", async () => {
    const { db, ctx, issuer, web, user } = await seedIssuer(DB);
    await grantConsent(db, ctx, issuer.id, user.id, web.client.id, ["openid"]);
    const later = { ...ctx, now: ctx.now + 1000 };
    const row = await grantConsent(db, later, issuer.id, user.id, web.client.id, [
      "openid",
      "email",
    ]);
    expect(row.scopes).toEqual(["openid", "email"]);
    const [listed, ...rest] = await listConsents(db, issuer.id, user.id);
    expect(rest).toEqual([]);
    expect(listed).toMatchObject({
      clientId: web.client.id,
      clientName: "web",
      scopes: ["openid", "email"],
      grantedAt: ctx.now,
      updatedAt: ctx.now + 1000,
    });
    const granted = await eventTypes(db, user.id);
    expect(granted.map((e) => e.type)).toEqual(["user.consent.granted", "user.consent.granted"]);
  });

  it("revokes: deletes the row, ends the client's sessions, records the events", async () => {
    const { db, ctx, issuer, web, spa, user } = await seedIssuer(DB);
    await grantConsent(db, ctx, issuer.id, user.id, web.client.id, ["openid"]);
    await grantConsent(db, ctx, issuer.id, user.id, spa.client.id, ["openid"]);
    const store = fakeStore([
      { id: "ses_rp1", userId: user.id, clientId: web.client.id, type: "rp" },
    ]);
    await revokeConsent(db, ctx, issuer.id, user.id, web.client.id, store);
    expect(store.calls).toEqual([[user.id, web.client.id, "consent_revoked", ctx.now]]);
    expect((await listConsents(db, issuer.id, user.id)).map((c) => c.clientId)).toEqual([
      spa.client.id,
    ]);
    const revoked = (await eventTypes(db, user.id)).filter(
      (e) => e.type === "user.consent.revoked",
    );
    expect(revoked).toHaveLength(1);
    const terminated = await db
      .select()
      .from(events)
      .where(and(eq(events.type, "session.terminated"), eq(events.subjectId, "ses_rp1")));
    expect(terminated).toHaveLength(1);
  });

  it("refuses to revoke a consent that does not exist, or for a user of another issuer", async () => {
    const a = await seedIssuer(DB);
    const b = await seedIssuer(DB);
    await grantConsent(a.db, a.ctx, a.issuer.id, a.user.id, a.web.client.id, ["openid"]);
    const store = fakeStore();
    await expect(
      revokeConsent(a.db, a.ctx, a.issuer.id, a.user.id, a.spa.client.id, store),
    ).rejects.toThrow(/Consent not found/);
    await expect(
      revokeConsent(b.db, b.ctx, b.issuer.id, a.user.id, a.web.client.id, store),
    ).rejects.toThrow(/User not found/);
    await expect(listConsents(b.db, b.issuer.id, a.user.id)).rejects.toThrow(/User not found/);
    expect(store.calls).toEqual([]);
  });
});
