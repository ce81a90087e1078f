import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as client from "openid-client";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coreApi } from "./support/core-api.ts";
import { launchChromium } from "./support/hosted-browser.ts";
import { CLEAN, checkPage } from "./support/page-checks.ts";
import { sharedSystem } from "./support/shared-system.ts";
import type { SystemEndpoints } from "./support/system.ts";

const noBrowser = process.env.AUTHPI_NO_BROWSER;
if (noBrowser) console.log(`browser metadata-document tests skipped: ${noBrowser}`);

/**
 * A client known only by its metadata document URL (docs/client-id-metadata.md), served from
 * loopback over http: the local system runs the development URL policy.
 */
describe.skipIf(Boolean(noBrowser))("a URL client's consent page in Chromium", () => {
  let system: SystemEndpoints;
  let browser: Browser;
  let server: Server;
  let clientId: string;
  let redirectUri: string;

  beforeAll(async () => {
    system = sharedSystem();
    server = createServer((req, res) => {
      if (req.url !== "/client.json") return res.end("callback reached");
      res.writeHead(200, { "content-type": "application/json", "cache-control": "max-age=60" });
      res.end(
        JSON.stringify({
          client_id: clientId,
          client_name: "Desk MCP client",
          redirect_uris: [redirectUri],
          token_endpoint_auth_method: "none",
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    clientId = `${origin}/client.json`;
    redirectUri = `${origin}/callback`;
    await coreApi(system, "PATCH", `/issuers/${system.seed.issuer_id}`, {
      settings: { access: { client_id_metadata_documents: { enabled: true } } },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await coreApi(system, "PATCH", `/issuers/${system.seed.issuer_id}`, {
      settings: { access: { client_id_metadata_documents: null } },
    });
    await browser?.close();
    server?.close();
  });

  it("names the client and its host, and gives tokens on Allow", async () => {
    const issuer = new URL(`${system.idpUrl}/${system.seed.issuer_id}`);
    // The IdP keeps an issuer row up to 30 s per isolate: wait until it sees the setting.
    let config: client.Configuration | undefined;
    await expect
      .poll(
        async () => {
          config = await client.discovery(issuer, clientId, undefined, client.None(), {
            execute: [client.allowInsecureRequests],
          });
          return config.serverMetadata().client_id_metadata_document_supported;
        },
        { timeout: 40_000, interval: 2000 },
      )
      .toBe(true);
    const configuration = config as client.Configuration;
    const verifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: "openid email",
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state: "cimd-1",
    });
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url.href);
    await page.fill("#username", system.seed.user.username);
    await page.fill("#password", system.seed.user.password);
    await page.getByRole("button", { name: "Sign in" }).click();

    const host = new URL(clientId).host;
    await expect
      .poll(() => page.locator("h1").textContent())
      .toBe(`Allow Desk MCP client (${host}) to use your account?`);
    expect(await page.locator("main").textContent()).toContain(`a document on ${host}`);
    expect(await checkPage(page, "consent-metadata-client")).toEqual(CLEAN);
    await Promise.all([
      page.waitForURL(`${redirectUri}**`),
      page.getByRole("button", { name: "Allow" }).click(),
    ]);
    const tokens = await client.authorizationCodeGrant(configuration, new URL(page.url()), {
      pkceCodeVerifier: verifier,
      expectedState: "cimd-1",
    });
    expect(tokens.claims()?.aud).toBe(clientId);

    const consents = await coreApi<{ client_id: string; client_name: string | null }[]>(
      system,
      "GET",
      `/issuers/${system.seed.issuer_id}/users/${system.seed.user.id}/consents`,
    );
    expect(consents.find((c) => c.client_id === clientId)).toMatchObject({ client_name: null });
    await context.close();
  });
});
