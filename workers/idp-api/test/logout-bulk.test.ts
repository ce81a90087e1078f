import { env } from "cloudflare:workers";
import { events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { issuerStoreOf, openRpSession } from "@authpi/testkit/many-sessions";
import { and, eq } from "drizzle-orm";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import { loginWithCode } from "./support/login-flow.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

// Hundreds of rows take seconds on a loaded machine; the limit only guards against a hang.
describe("logout of a large SSO session", { timeout: 60_000 }, () => {
  it("ends the op session and its 299 rp sessions, with one session.terminated each", async () => {
    const seeded = await seedIssuer(DB);
    const { config, tokens, browser } = await loginWithCode(seeded);
    const sid = tokens.claims()?.sid as string;
    const store = issuerStoreOf(seeded.issuer.id);
    const rp = await store.getSession(sid, Date.now());
    const opId = rp?.parentId as string;
    await Promise.all(
      Array.from({ length: 298 }, () =>
        openRpSession(store, { id: opId, userId: seeded.user.id }, seeded.spa.client.id),
      ),
    );
    const tree = (await store.listSessions({ userId: seeded.user.id }, Date.now())).filter(
      (s) => s.id === opId || s.parentId === opId,
    );
    expect(tree).toHaveLength(300);

    const url = client.buildEndSessionUrl(config, { id_token_hint: tokens.id_token as string });
    const page = await browser.fetch(url.href);
    expect(page.status).toBe(200);
    const after = await store.listSessions({ userId: seeded.user.id }, Date.now());
    expect(after.filter((s) => s.status !== "revoked")).toEqual([]);
    const recorded = await seeded.db
      .select()
      .from(events)
      .where(and(eq(events.issuerId, seeded.issuer.id), eq(events.type, "session.terminated")));
    expect(recorded.map((e) => e.subjectId).sort()).toEqual(tree.map((s) => s.id).sort());
    expect(recorded.every((e) => e.data.reason === "logout")).toBe(true);
  });
});
