// What the browser tests of the hosted pages share: Chromium, axe-core, a registered web client
// whose redirect URI is a local server, and an authorization request redeemed with openid-client.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import * as client from "openid-client";
import { type Browser, chromium, type Page } from "playwright-core";
import { coreApi } from "./core-api.ts";
import type { SystemEndpoints } from "./system.ts";

const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;

export interface WebClient {
  /** The issuer the client belongs to. */
  issuer_id?: string;
  client_id: string;
  client_secret: string;
  redirect_uri: string;
}

/** axe-core (WCAG 2.2 AA rules) on the page as shown; returns the rule ids that failed. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (o: unknown) => Promise<unknown> } }).axe;
    const result = (await axe.run({
      runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    })) as { violations: { id: string }[] };
    return result.violations.map((v) => v.id);
  });
}

/**
 * A fresh browser context whose page has a platform authenticator: Chromium's virtual one
 * (CDP `WebAuthn.addVirtualAuthenticator`, CTAP2, "internal", resident keys, user verification,
 * presence answered at once). `cdp` and `authenticatorId` let a test hold presence back.
 */
export async function withPlatformAuthenticator(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { context, page, cdp, authenticatorId };
}

export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"],
  });
}

/**
 * A web client of the seeded issuer (or of `issuerId`) whose redirect URI is a local server
 * that answers any call.
 */
export async function webClientWithCallback(
  system: SystemEndpoints,
  name: string,
  issuerId: string = system.seed.issuer_id,
) {
  const server = createServer((_req, res) => res.end("callback reached"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const created = await coreApi<{ id: string; secret: string }>(
    system,
    "POST",
    `/issuers/${issuerId}/clients`,
    { name, type: "web", settings: { redirect_uris: [redirectUri] } },
  );
  const web: WebClient = {
    issuer_id: issuerId,
    client_id: created.id,
    client_secret: created.secret,
    redirect_uri: redirectUri,
  };
  return { web, close: () => server.close() };
}

/**
 * Opens the hosted sign-in for `web` at its issuer (code + PKCE, `state` and `nonce` as given); the returned
 * function redeems the code the page ends on and gives the ID token's claims.
 */
export async function openSignIn(
  page: Page,
  system: SystemEndpoints,
  web: WebClient,
  options: { state: string; nonce: string; extra?: Record<string, string> },
) {
  const issuer = `${system.idpUrl}/${web.issuer_id ?? system.seed.issuer_id}`;
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
    state: options.state,
    nonce: options.nonce,
    ...options.extra,
  });
  await page.goto(url.href);
  return async () => {
    const tokens = await client.authorizationCodeGrant(config, new URL(page.url()), {
      pkceCodeVerifier: verifier,
      expectedState: options.state,
      expectedNonce: options.nonce,
    });
    return tokens.claims() as client.IDToken;
  };
}
