import { workerFetch } from "@authpi/testkit/worker-fetch";
import * as client from "openid-client";
import { TestBrowser } from "./browser.ts";
import type { Seeded } from "./login-flow.ts";

/** Signs in through the hosted page and returns the code, without exchanging it. */
export async function obtainCode(
  seeded: Seeded,
  options: {
    kind?: "web" | "spa";
    pkce?: boolean;
    browser?: TestBrowser;
    scope?: string;
    /** More authorization parameters, repeatable (e.g. several `resource`). */
    extra?: [string, string][];
  } = {},
) {
  const registered = options.kind === "spa" ? seeded.spa : seeded.web;
  const redirectUri = registered.client.settings.redirect_uris[0] as string;
  const verifier = client.randomPKCECodeVerifier();
  const params = new URLSearchParams({
    client_id: registered.client.id,
    redirect_uri: redirectUri,
    response_type: "code",
    scope: options.scope ?? "openid email",
    state: "st",
    nonce: "nn",
  });
  for (const [key, value] of options.extra ?? []) params.append(key, value);
  if (options.pkce !== false) {
    params.set("code_challenge", await client.calculatePKCECodeChallenge(verifier));
    params.set("code_challenge_method", "S256");
  }
  const browser = options.browser ?? new TestBrowser();
  let response = await browser.fetch(`/${seeded.issuer.id}/authorize?${params}`);
  if (response.status === 200) {
    response = await browser.submitLogin(
      seeded.issuer.id,
      await response.text(),
      "alice@example.com",
      seeded.password,
    );
  }
  const location = new URL(response.headers.get("location") ?? "http://invalid/");
  const code = location.searchParams.get("code");
  if (!code) throw new Error(`no code: ${response.status} ${location}`);
  return { code, verifier, redirectUri, browser, client: registered };
}

/** A raw form POST to an issuer endpoint, optionally with HTTP Basic client auth. */
export function postForm(
  path: string,
  body: Record<string, string>,
  basic?: { id: string; secret: string | null },
): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (basic?.secret) headers.authorization = `Basic ${btoa(`${basic.id}:${basic.secret}`)}`;
  return workerFetch(path, { method: "POST", headers, body: new URLSearchParams(body) });
}

/** Exchanges a code as the web client (Basic auth) or the SPA (client_id only). */
export function exchange(
  seeded: Seeded,
  got: Awaited<ReturnType<typeof obtainCode>>,
  overrides: Record<string, string | null> = {},
) {
  const body: Record<string, string> = {
    grant_type: "authorization_code",
    code: got.code,
    redirect_uri: got.redirectUri,
    code_verifier: got.verifier,
  };
  if (!got.client.secret) body.client_id = got.client.client.id;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === null) delete body[key];
    else body[key] = value;
  }
  return postForm(`/${seeded.issuer.id}/token`, body, {
    id: got.client.client.id,
    secret: got.client.secret,
  });
}

export function introspect(seeded: Seeded, token: string): Promise<Record<string, unknown>> {
  return postForm(
    `/${seeded.issuer.id}/introspect`,
    { token },
    { id: seeded.web.client.id, secret: seeded.web.secret },
  ).then((r) => r.json());
}
