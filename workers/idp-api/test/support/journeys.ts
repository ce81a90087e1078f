import * as client from "openid-client";
import { TestBrowser } from "./browser.ts";
import type { Seeded } from "./login-flow.ts";

/** The value of a hidden (or any) input named `name` in a page. */
export function field(page: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(page)?.[1];
  if (value === undefined) throw new Error(`no ${name} in page: ${page.slice(0, 400)}`);
  return value.replace(/&amp;/g, "&");
}

/** Opens /authorize for the web client in `browser` and returns the login page. */
export async function openLogin(seeded: Seeded, browser = new TestBrowser()) {
  const params = new URLSearchParams({
    client_id: seeded.web.client.id,
    redirect_uri: seeded.web.client.settings.redirect_uris[0] as string,
    response_type: "code",
    scope: "openid email offline_access",
    state: "st",
    nonce: "nn",
    code_challenge: await client.calculatePKCECodeChallenge("v".repeat(43)),
    code_challenge_method: "S256",
  });
  const response = await browser.fetch(`/${seeded.issuer.id}/authorize?${params}`);
  return { browser, page: await response.text(), status: response.status };
}

/** Posts a form of `browser` to an issuer path. */
export function post(browser: TestBrowser, path: string, body: Record<string, string>) {
  return browser.fetch(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(body),
  });
}

/** The path and query of a link in an email. */
export function pathOf(link: string): string {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}
