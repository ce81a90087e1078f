import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as client from "openid-client";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser tests skipped: ${noBrowser}`);

describe.skipIf(Boolean(noBrowser))("hosted login in a real browser (Chromium)", () => {
  let system: SystemEndpoints;
  let browser: Browser;
  let callbackServer: Server;
  let web: { client_id: string; client_secret: string; redirect_uri: string };

  beforeAll(async () => {
    system = sharedSystem();
    // A real relying-party callback on a free port, registered on a client of its own.
    callbackServer = createServer((_req, res) => res.end("callback reached"));
    await new Promise<void>((resolve) => callbackServer.listen(0, "127.0.0.1", resolve));
    const redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
    const created = await fetch(
      `${system.coreUrl}/v1/accounts/${system.seed.account_id}/issuers/${system.seed.issuer_id}/clients`,
      {
        method: "POST",
        headers: { authorization: system.basicAuth, "content-type": "application/json" },
        body: JSON.stringify({
          name: "browser test",
          type: "web",
          settings: { redirect_uris: [redirectUri] },
        }),
      },
    );
    const { data } = (await created.json()) as { data: { id: string; secret: string } };
    web = { client_id: data.id, client_secret: data.secret, redirect_uri: redirectUri };
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    callbackServer?.close();
  });

  it("signs in through the hosted page, shows errors inline, and returns a code the RP can redeem", async () => {
    const issuer = `${system.idpUrl}/${system.seed.issuer_id}`;
    const config = await client.discovery(
      new URL(issuer),
      web.client_id,
      web.client_secret,
      undefined,
      { execute: [client.allowInsecureRequests] },
    );
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: web.redirect_uri,
      scope: "openid email",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "browser-state",
      nonce: "browser-nonce",
    });
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });

    // Chromium applies form-action to the 303 back to the client, so its origin is listed.
    const shown = await page.goto(url.href);
    expect(shown?.headers()["content-security-policy"]).toContain(
      `form-action 'self' ${new URL(web.redirect_uri).origin}`,
    );
    await page.fill("#username", system.seed.user.username);
    await page.fill("#password", "not the password");
    await page.click("button[type=submit]");
    await expect
      .poll(() => page.locator("[role=alert]").textContent())
      .toContain("Incorrect username or password");

    await page.fill("#password", system.seed.user.password);
    await Promise.all([
      page.waitForURL(`${web.redirect_uri}**`),
      page.click("button[type=submit]"),
    ]);
    const callback = new URL(page.url());
    expect(callback.searchParams.get("state")).toBe("browser-state");
    expect(callback.searchParams.get("iss")).toBe(issuer);
    expect(violations).toEqual([]);

    const tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: "browser-state",
      expectedNonce: "browser-nonce",
    });
    expect(tokens.claims()?.sub).toBe(system.seed.user.id);

    // The SSO cookie now skips the form for the next authorization.
    await Promise.all([page.waitForURL(`${web.redirect_uri}**`), page.goto(url.href)]);
    expect(new URL(page.url()).searchParams.get("code")).toBeTruthy();
    await page.close();
  });
});
