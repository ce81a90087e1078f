import { createHash, randomBytes } from "node:crypto";
import { coreApi } from "./core-api.ts";
import type { WebClient } from "./hosted-browser.ts";
import { HttpBrowser } from "./http-browser.ts";
import type { SystemEndpoints } from "./system.ts";

/** A fresh issuer (open signup) with a web client, for tests that add upstream auth methods. */
export async function upstreamIssuer(
  system: SystemEndpoints,
  name: string,
  settings: Record<string, unknown> = {},
) {
  const issuer = await coreApi<{ id: string }>(system, "POST", "/issuers", {
    name,
    settings: { allow_new_users: true, ...settings },
  });
  return issuer.id;
}

/** Turns on an oauth2 upstream with one Core API call; returns the method (= connection) id. */
export async function enableUpstream(
  system: SystemEndpoints,
  issuerId: string,
  name: string,
  settings: Record<string, unknown>,
) {
  const method = await coreApi<{ id: string }>(
    system,
    "POST",
    `/issuers/${issuerId}/auth-methods`,
    {
      name,
      method: "oauth2",
      enabled: true,
      settings,
    },
  );
  return method.id;
}

/** The events of one type at an issuer, newest first. */
export async function eventsOf(system: SystemEndpoints, issuerId: string, type: string) {
  const query = new URLSearchParams({ issuer_id: issuerId, event_types: type, limit: "50" });
  return coreApi<{ type: string; data: Record<string, unknown> }[]>(
    system,
    "GET",
    `/events?${query}`,
  );
}

/**
 * Over plain HTTP (a cookie jar, no browser): opens the sign-in of `web`, presses "Continue with"
 * for `connectionId`, follows the upstream's immediate redirect, and returns the callback URL our
 * IdP is sent back to, not yet fetched.
 */
export async function throughUpstream(
  system: SystemEndpoints,
  web: WebClient,
  connectionId: string,
  browser = new HttpBrowser(),
) {
  const verifier = randomBytes(32).toString("base64url");
  const authorize = new URL(`${system.idpUrl}/${web.issuer_id}/authorize`);
  authorize.search = new URLSearchParams({
    response_type: "code",
    client_id: web.client_id,
    redirect_uri: web.redirect_uri,
    scope: "openid email",
    state: "client-state",
    nonce: "client-nonce",
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();
  const page = await (await browser.fetch(authorize.href)).text();
  const field = (name: string) =>
    new RegExp(`name="${name}" value="([^"]+)"`).exec(page)?.[1] ?? "";
  const start = await browser.fetch(`${system.idpUrl}/${web.issuer_id}/login/upstream`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      request_id: field("request_id"),
      csrf_token: field("csrf_token"),
      connection: connectionId,
    }),
  });
  if (start.status !== 303)
    throw new Error(`start answered ${start.status}: ${await start.text()}`);
  const upstream = await fetch(start.headers.get("location") ?? "", { redirect: "manual" });
  const callback = upstream.headers.get("location");
  if (!callback) throw new Error(`upstream answered ${upstream.status}: ${await upstream.text()}`);
  return {
    browser,
    verifier,
    callback: new URL(callback),
    upstreamAuthorize: new URL(start.headers.get("location") ?? ""),
  };
}
