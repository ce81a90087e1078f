import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { launchChromium, openSignIn, type WebClient } from "./support/hosted-browser.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser consent tests skipped: ${noBrowser}`);

describe.skipIf(Boolean(noBrowser))("consent page in a real browser (Chromium)", () => {
  let system: SystemEndpoints;
  let browser: Browser;
  let callbackServer: Server;
  let web: WebClient;

  beforeAll(async () => {
    system = sharedSystem();
    callbackServer = createServer((_req, res) => res.end("callback reached"));
    await new Promise<void>((resolve) => callbackServer.listen(0, "127.0.0.1", resolve));
    const redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
    // A client of its own, not first-party, so the demo's clients keep signing in without consent.
    const created = await coreApi<{ id: string; secret: string }>(
      system,
      "POST",
      `/issuers/${system.seed.issuer_id}/clients`,
      {
        name: "Browser third-party app",
        type: "web",
        settings: { redirect_uris: [redirectUri], first_party: false },
      },
    );
    web = { client_id: created.id, client_secret: created.secret, redirect_uri: redirectUri };
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    callbackServer?.close();
  });

  it("asks once after sign-in, gives tokens on Allow, and skips the page the second time", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const finish = await openSignIn(page, system, web, { state: "consent-1", nonce: "n-1" });
    await page.fill("#username", system.seed.user.username);
    await page.fill("#password", system.seed.user.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect
      .poll(() => page.locator("h1").textContent())
      .toBe("Allow Browser third-party app to use your account?");
    const scopes = await page.locator("main li").allTextContents();
    expect(scopes).toEqual(["Know who you are when you sign in", "See your email address"]);
    expect(await checkPage(page, "consent")).toEqual(CLEAN);
    await Promise.all([
      page.waitForURL(`${web.redirect_uri}**`),
      page.getByRole("button", { name: "Allow" }).click(),
    ]);
    const claims = await finish();
    expect(claims.sub).toBe(system.seed.user.id);

    const consents = await coreApi<{ client_id: string; scopes: string[] }[]>(
      system,
      "GET",
      `/issuers/${system.seed.issuer_id}/users/${system.seed.user.id}/consents`,
    );
    expect(consents.find((c) => c.client_id === web.client_id)?.scopes).toEqual([
      "openid",
      "email",
    ]);

    const again = await openSignIn(page, system, web, { state: "consent-2", nonce: "n-2" });
    expect(page.url().startsWith(web.redirect_uri)).toBe(true);
    expect((await again()).sub).toBe(system.seed.user.id);
    await context.close();
  });
});
