import { env } from "cloudflare:workers";
import { findConsent } from "@authpi/domain/consents";
import { events } from "@authpi/domain/db";
import { messages } from "@authpi/domain/i18n";
import { seedIssuer } from "@authpi/testkit/factories";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { scopeText } from "../src/interaction/pages/consent-page.ts";
import {
  answerConsent,
  authorize,
  isConsentPage,
  TestBrowser,
  withThirdParty,
} from "./support/consent-flow.ts";

const bindings = env as unknown as Env;

describe("consent page", () => {
  it("is never shown for a first-party client (the default)", async () => {
    const seeded = await seedIssuer(bindings.DB);
    const flow = await authorize(seeded, new TestBrowser());
    expect(flow.response.status).toBe(303);
    expect((await flow.finish(flow.response)).access_token).toBeTruthy();
    const row = await findConsent(
      seeded.db,
      seeded.issuer.id,
      seeded.user.id,
      seeded.web.client.id,
    );
    expect(row).toBeNull();
  });

  it("asks a third-party client's user once, in plain words, and remembers the answer", async () => {
    const seeded = await withThirdParty(await seedIssuer(bindings.DB));
    const browser = new TestBrowser();
    const first = await authorize(seeded, browser);
    expect(first.response.status).toBe(200);
    expect(isConsentPage(seeded, first.page)).toBe(true);
    expect(first.page).toContain("Allow Third app to use your account?");
    expect(first.page).toContain("See your email address");
    expect(first.page).toContain("Know who you are when you sign in");
    const tokens = await first.finish(await answerConsent(seeded, browser, first.page, "allow"));
    expect(tokens.refresh_token).toBeTruthy();
    const row = await findConsent(
      seeded.db,
      seeded.issuer.id,
      seeded.user.id,
      seeded.web.client.id,
    );
    expect(row?.scopes).toEqual(["openid", "email", "offline_access"]);
    const granted = await seeded.db
      .select()
      .from(events)
      .where(and(eq(events.type, "user.consent.granted"), eq(events.subjectId, seeded.user.id)));
    expect(granted).toHaveLength(1);

    const again = await authorize(seeded, browser);
    expect(again.response.status).toBe(302);
    expect((await again.finish(again.response)).access_token).toBeTruthy();
  });

  it("asks again for a scope not granted yet, naming only the new one", async () => {
    const seeded = await withThirdParty(await seedIssuer(bindings.DB));
    const browser = new TestBrowser();
    const first = await authorize(seeded, browser, { scope: "openid email" });
    await first.finish(await answerConsent(seeded, browser, first.page, "allow"));
    const wider = await authorize(seeded, browser, { scope: "openid email profile" });
    expect(isConsentPage(seeded, wider.page)).toBe(true);
    expect(wider.page).toContain("See your name and profile picture");
    expect(wider.page).not.toContain("See your email address");
    await wider.finish(await answerConsent(seeded, browser, wider.page, "allow"));
    const row = await findConsent(
      seeded.db,
      seeded.issuer.id,
      seeded.user.id,
      seeded.web.client.id,
    );
    expect(row?.scopes).toEqual(["openid", "email", "profile"]);
    const narrower = await authorize(seeded, browser, { scope: "openid profile" });
    expect(narrower.response.status).toBe(302);
  });

  it("is shown again with prompt=consent even when every scope was granted", async () => {
    const seeded = await withThirdParty(await seedIssuer(bindings.DB));
    const browser = new TestBrowser();
    const first = await authorize(seeded, browser);
    await first.finish(await answerConsent(seeded, browser, first.page, "allow"));
    const forced = await authorize(seeded, browser, { extra: { prompt: "consent" } });
    expect(forced.response.status).toBe(200);
    expect(isConsentPage(seeded, forced.page)).toBe(true);
    expect(forced.page).toContain("See your email address");
    await forced.finish(await answerConsent(seeded, browser, forced.page, "allow"));
  });

  it("answers Deny with access_denied to the client, and stores nothing", async () => {
    const seeded = await withThirdParty(await seedIssuer(bindings.DB));
    const browser = new TestBrowser();
    const flow = await authorize(seeded, browser);
    const denied = await answerConsent(seeded, browser, flow.page, "deny");
    expect(denied.status).toBe(303);
    const location = new URL(denied.headers.get("location") as string);
    expect(location.origin + location.pathname).toBe("https://third.example.com/callback");
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe(flow.state);
    expect(location.searchParams.get("code")).toBeNull();
    const row = await findConsent(
      seeded.db,
      seeded.issuer.id,
      seeded.user.id,
      seeded.web.client.id,
    );
    expect(row).toBeNull();
  });

  it("answers prompt=none with consent_required when consent would be asked", async () => {
    const base = await seedIssuer(bindings.DB);
    const browser = new TestBrowser();
    const signIn = await authorize(base, browser);
    await signIn.finish(signIn.response);
    const seeded = await withThirdParty(base);
    const silent = await authorize(seeded, browser, { extra: { prompt: "none" } });
    expect(silent.response.status).toBe(302);
    const location = new URL(silent.response.headers.get("location") as string);
    expect(location.searchParams.get("error")).toBe("consent_required");
    expect(location.searchParams.get("state")).toBe(silent.state);
  });

  it("shows the client's logo, and the page in the language of ui_locales", async () => {
    const base = await seedIssuer(bindings.DB);
    const seeded = await withThirdParty(base, "Third app", "https://cdn.example.com/logo.png");
    const flow = await authorize(seeded, new TestBrowser(), { extra: { ui_locales: "de" } });
    expect(flow.page).toContain('src="https://cdn.example.com/logo.png"');
    expect(flow.page).toContain("Third app erlauben, Ihr Konto zu verwenden?");
    expect(flow.page).toContain("Ihre E-Mail-Adresse sehen");
  });

  it("names a custom scope it has no words for, in every language", () => {
    expect(scopeText(messages("en").consent, "orders:read")).toBe(
      "Use the permission “orders:read”",
    );
    expect(scopeText(messages("fr").consent, "toString")).toContain("« toString »");
    expect(scopeText(messages("de").consent, "email")).toBe("Ihre E-Mail-Adresse sehen");
  });
});
