import type { seedIssuer } from "@authpi/testkit/factories";
import * as client from "openid-client";
import { expect } from "vitest";
import { TestBrowser } from "./browser.ts";
import { discover } from "./oidc.ts";

export type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

export const ISSUER_BASE = "http://localhost:8787";

export function issuerUrl(seeded: Seeded): string {
  return `${ISSUER_BASE}/${seeded.issuer.id}`;
}

/**
 * Runs authorization code + PKCE through the hosted login page with openid-client, the way a
 * relying party would, and returns the token response it validated.
 */
export async function loginWithCode(
  seeded: Seeded,
  options: {
    kind?: "web" | "spa";
    scope?: string;
    browser?: TestBrowser;
    extra?: Record<string, string>;
  } = {},
) {
  const kind = options.kind ?? "web";
  const registered = kind === "web" ? seeded.web : seeded.spa;
  const redirectUri = registered.client.settings.redirect_uris[0] as string;
  const config = await discover(issuerUrl(seeded), registered.client.id, registered.secret);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: options.scope ?? "openid profile email offline_access",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...options.extra,
  });
  const browser = options.browser ?? new TestBrowser();
  let response = await browser.fetch(url.href);
  if (response.status === 200) {
    response = await browser.submitLogin(
      seeded.issuer.id,
      await response.text(),
      "alice@example.com",
      seeded.password,
    );
  }
  expect(response.status, await response.clone().text()).toBeGreaterThanOrEqual(300);
  const callback = new URL(response.headers.get("location") as string);
  const tokens = await client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
  return { config, tokens, browser, callback, redirectUri };
}
