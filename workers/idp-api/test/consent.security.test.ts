import { env } from "cloudflare:workers";
import { findConsent, PORTAL_CLIENT_ID, revokeConsent } from "@authpi/domain/consents";
import { clients } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import * as client from "openid-client";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import {
  answerConsent,
  authorize,
  isConsentPage,
  TestBrowser,
  withThirdParty,
} from "./support/consent-flow.ts";

const bindings = env as unknown as Env;

describe("consent page, abused", () => {
  it("refuses an answer without the browser's CSRF token, and grants nothing", async () => {
    const seeded = await withThirdParty(await seedIssuer(bindings.DB));
    const browser = new TestBrowser();
    const flow = await authorize(seeded, browser);
    const forged = await answerConsent(seeded, browser, flow.page, "allow", "x".repeat(43));
    expect(forged.status).toBe(403);
    const elsewhere = await answerConsent(seeded, new TestBrowser(), flow.page, "allow");
    expect(elsewhere.status).toBe(403);
    const row = await findConsent(
      seeded.db,
      seeded.issuer.id,
      seeded.user.id,
      seeded.web.client.id,
    );
    expect(row).toBeNull();
  });

  it("answers a consent form once: a replayed Allow gets no second code", async () => {
    const seeded = await withThirdParty(await seedIssuer(bindings.DB));
    const browser = new TestBrowser();
    const flow = await authorize(seeded, browser);
    expect((await answerConsent(seeded, browser, flow.page, "allow")).status).toBe(303);
    expect((await answerConsent(seeded, browser, flow.page, "allow")).status).toBe(400);
  });

  it("refuses a decision other than allow or deny", async () => {
    const seeded = await withThirdParty(await seedIssuer(bindings.DB));
    const browser = new TestBrowser();
    const flow = await authorize(seeded, browser);
    expect((await answerConsent(seeded, browser, flow.page, "yes")).status).toBe(400);
  });

  it("does not let a consent given to one third-party client cover another", async () => {
    const base = await seedIssuer(bindings.DB);
    const first = await withThirdParty(base, "First app");
    const second = await withThirdParty(base, "Second app");
    const browser = new TestBrowser();
    const a = await authorize(first, browser);
    await a.finish(await answerConsent(first, browser, a.page, "allow"));
    const b = await authorize(second, browser);
    expect(isConsentPage(second, b.page)).toBe(true);
    expect(b.page).toContain("Second app");
  });

  it("a stored client cannot take the reserved portal client's id: the built-in portal client answers", async () => {
    // The portal's client is built in code (first-party, never asked for consent, its own
    // callback only); a row with its id is not what /authorize uses.
    const seeded = await withThirdParty(await seedIssuer(bindings.DB));
    await seeded.db
      .update(clients)
      .set({ id: PORTAL_CLIENT_ID })
      .where(eq(clients.id, seeded.web.client.id));
    const portal = {
      ...seeded,
      web: { ...seeded.web, client: { ...seeded.web.client, id: PORTAL_CLIENT_ID } },
    };
    const flow = await authorize(portal, new TestBrowser());
    expect(flow.response.status).toBe(400);
    expect(isConsentPage(portal, flow.page)).toBe(false);
  });

  it("after a revoke asks again, and the revoked client's refresh token stops working", async () => {
    const seeded = await withThirdParty(await seedIssuer(bindings.DB));
    const browser = new TestBrowser();
    const flow = await authorize(seeded, browser);
    const tokens = await flow.finish(await answerConsent(seeded, browser, flow.page, "allow"));
    const store = issuerStore(bindings, seeded.issuer.id);
    await revokeConsent(
      seeded.db,
      { ...seeded.ctx, now: Date.now() },
      seeded.issuer.id,
      seeded.user.id,
      seeded.web.client.id,
      store,
    );
    await expect(
      client.refreshTokenGrant(flow.config, tokens.refresh_token as string),
    ).rejects.toMatchObject({ error: "invalid_grant" });
    const again = await authorize(seeded, browser);
    expect(again.response.status).toBe(200);
    expect(isConsentPage(seeded, again.page)).toBe(true);
  });
});
