import { CreateClientInput, createClient } from "@authpi/domain/clients";
import * as client from "openid-client";
import { expect } from "vitest";
import { TestBrowser } from "./browser.ts";
import { issuerUrl, type Seeded } from "./login-flow.ts";
import { discover } from "./oidc.ts";

/** The seeded issuer with a third-party web client (`settings.first_party: false`) as `web`. */
export async function withThirdParty(
  seeded: Seeded,
  name = "Third app",
  logoUrl: string | null = null,
): Promise<Seeded> {
  const third = await createClient(
    seeded.db,
    seeded.ctx,
    seeded.issuer.id,
    CreateClientInput.parse({
      name,
      type: "web",
      logo_url: logoUrl,
      settings: { redirect_uris: ["https://third.example.com/callback"], first_party: false },
    }),
  );
  return { ...seeded, web: third };
}

export function isConsentPage(seeded: Seeded, page: string): boolean {
  return page.includes(`action="/${seeded.issuer.id}/consent"`);
}

/**
 * Starts an authorization for `seeded.web` in `browser` and signs in when the login page shows;
 * returns the answer after that (a consent page, or the redirect to the client) and how to
 * finish it with openid-client.
 */
export async function authorize(
  seeded: Seeded,
  browser: TestBrowser,
  options: { scope?: string; extra?: Record<string, string> } = {},
) {
  const config = await discover(issuerUrl(seeded), seeded.web.client.id, seeded.web.secret);
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
    scope: options.scope ?? "openid email offline_access",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...options.extra,
  });
  let response = await browser.fetch(url.href);
  let page = response.status === 200 ? await response.text() : "";
  if (page.includes('name="password"')) {
    response = await browser.submitLogin(
      seeded.issuer.id,
      page,
      "alice@example.com",
      seeded.password,
    );
    page = response.status === 200 ? await response.text() : "";
  }
  const finish = async (answer: Response) => {
    expect(answer.status, await answer.clone().text()).toBeGreaterThanOrEqual(300);
    const callback = new URL(answer.headers.get("location") as string);
    return client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
      idTokenExpected: true,
    });
  };
  return { response, page, config, state, finish };
}

/** Posts the consent page's form with `decision` (the page's own CSRF token unless given). */
export function answerConsent(
  seeded: Seeded,
  browser: TestBrowser,
  page: string,
  decision: string,
  csrf?: string,
) {
  const requestId = /name="request_id" value="([^"]+)"/.exec(page)?.[1] ?? "";
  const csrfToken = csrf ?? /name="csrf_token" value="([^"]+)"/.exec(page)?.[1] ?? "";
  return browser.fetch(`/${seeded.issuer.id}/consent`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ request_id: requestId, csrf_token: csrfToken, decision }),
  });
}

export { TestBrowser };
