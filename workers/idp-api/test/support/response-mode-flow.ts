import * as client from "openid-client";
import { TestBrowser } from "./browser.ts";
import { issuerUrl, type Seeded } from "./login-flow.ts";
import { discover } from "./oidc.ts";

/**
 * Starts authorization code + PKCE for the web client with openid-client, with `extra`
 * parameters (a `response_mode`), signs in when the login page shows, and returns the answer.
 */
export async function authorizeWith(
  seeded: Seeded,
  extra: Record<string, string>,
  browser = new TestBrowser(),
) {
  const config = await discover(issuerUrl(seeded), seeded.web.client.id, seeded.web.secret);
  const redirectUri = seeded.web.client.settings.redirect_uris[0] as string;
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: "openid email",
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  let response = await browser.fetch(url.href);
  const page = await response.clone().text();
  if (response.status === 200 && page.includes('name="password"')) {
    response = await browser.submitLogin(
      seeded.issuer.id,
      page,
      "alice@example.com",
      seeded.password,
    );
  }
  return { config, response, verifier, state, nonce, redirectUri, browser };
}

/** The form of a form_post page: its action and hidden fields, unescaped (HTML §13.1.4). */
export function postedForm(page: string): { action: string; fields: URLSearchParams } {
  const action = /<form method="post" action="([^"]+)" id="response">/.exec(page)?.[1];
  if (!action) throw new Error(`no form_post form in page: ${page.slice(0, 400)}`);
  const fields = new URLSearchParams();
  for (const match of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields.append(decodeEntities(match[1] as string), decodeEntities(match[2] as string));
  }
  return { action: decodeEntities(action), fields };
}

/** The POST a browser sends to the redirect URI when the form_post page submits itself. */
export function formPostRequest(page: string): Request {
  const { action, fields } = postedForm(page);
  return new Request(action, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: fields,
  });
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
