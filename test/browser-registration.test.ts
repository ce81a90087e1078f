import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as client from "openid-client";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { launchChromium, openSignIn, type WebClient } from "./support/hosted-browser.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser registration tests skipped: ${noBrowser}`);

const USER = { username: "reg-user@example.com", password: "registration horse battery" };

describe.skipIf(Boolean(noBrowser))(
  "a dynamically registered client signs a user in (Chromium)",
  () => {
    let system: SystemEndpoints;
    let browser: Browser;
    let callbackServer: Server;
    let issuerId: string;

    beforeAll(async () => {
      system = sharedSystem();
      callbackServer = createServer((_req, res) => res.end("callback reached"));
      await new Promise<void>((resolve) => callbackServer.listen(0, "127.0.0.1", resolve));
      // An issuer of its own, so the demo issuer keeps registration off for the other files.
      const issuer = await coreApi<{ id: string }>(system, "POST", "/issuers", {
        name: "registration-issuer",
        settings: { access: { registration: { mode: "initial_access_token" } } },
      });
      issuerId = issuer.id;
      await coreApi(system, "POST", `/issuers/${issuerId}/users`, {
        username_type: "email",
        ...USER,
      });
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      callbackServer?.close();
    });

    it("registers with openid-client and an initial access token, then consents and gets tokens", async () => {
      const minted = await coreApi<{ token: string }>(
        system,
        "POST",
        `/issuers/${issuerId}/registration-tokens`,
        { description: "browser test", max_uses: 1 },
      );
      const redirectUri = `http://127.0.0.1:${(callbackServer.address() as AddressInfo).port}/callback`;
      const config = await client.dynamicClientRegistration(
        new URL(`${system.idpUrl}/${issuerId}`),
        { client_name: "Registered Reader", redirect_uris: [redirectUri], scope: "openid email" },
        undefined,
        { initialAccessToken: minted.token, execute: [client.allowInsecureRequests] },
      );
      const registered = config.clientMetadata();
      const web: WebClient = {
        issuer_id: issuerId,
        client_id: registered.client_id,
        client_secret: registered.client_secret as string,
        redirect_uri: redirectUri,
      };

      const context = await browser.newContext();
      const page = await context.newPage();
      const finish = await openSignIn(page, system, web, { state: "reg-1", nonce: "n-1" });
      await page.fill("#username", USER.username);
      await page.fill("#password", USER.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect
        .poll(() => page.locator("h1").textContent())
        .toBe("Allow Registered Reader to use your account?");
      expect(await checkPage(page, "consent")).toEqual(CLEAN);
      await Promise.all([
        page.waitForURL(`${redirectUri}**`),
        page.getByRole("button", { name: "Allow" }).click(),
      ]);
      expect((await finish()).aud).toBe(registered.client_id);
      await context.close();

      // The token was for one registration.
      await expect(
        client.dynamicClientRegistration(
          new URL(`${system.idpUrl}/${issuerId}`),
          { redirect_uris: [redirectUri] },
          undefined,
          { initialAccessToken: minted.token, execute: [client.allowInsecureRequests] },
        ),
      ).rejects.toMatchObject({ status: 401 });
    });
  },
);
