import { CreateClientInput, createClient } from "@authpi/domain/clients";
import { updateIssuer } from "@authpi/domain/issuers";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import * as oauth from "oauth4webapi";
import { TestBrowser } from "./browser.ts";
import { issuerUrl, type Seeded } from "./login-flow.ts";
import { customFetch } from "./oidc.ts";

export const insecure = { [oauth.customFetch]: customFetch, [oauth.allowInsecureRequests]: true };

/** The issuer's metadata as oauth4webapi validates it. */
export async function discoverAs(seeded: Seeded): Promise<oauth.AuthorizationServer> {
  const url = new URL(issuerUrl(seeded));
  return oauth.processDiscoveryResponse(url, await oauth.discoveryRequest(url, insecure));
}

/** A fresh authorization request for a client: PKCE, state and nonce, as an RP sends them. */
export async function requestParameters(redirectUri: string, extra: Record<string, string> = {}) {
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const params = new URLSearchParams({
    redirect_uri: redirectUri,
    response_type: "code",
    scope: "openid email",
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
    ...extra,
  });
  return { params, verifier, state, nonce };
}

/** Pushes `params` for the seeded web client with its secret (client_secret_basic). */
export async function pushForWeb(seeded: Seeded, params: URLSearchParams, secret?: string) {
  const as = await discoverAs(seeded);
  const auth = oauth.ClientSecretBasic(secret ?? (seeded.web.secret as string));
  return oauth.pushedAuthorizationRequest(as, { client_id: seeded.web.client.id }, auth, params, {
    ...insecure,
  });
}

/** A raw POST to /par, for what oauth4webapi would never send. */
export function postPar(
  seeded: Seeded,
  body: URLSearchParams,
  headers: Record<string, string> = {},
) {
  return workerFetch(`/${seeded.issuer.id}/par`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body,
  });
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${btoa(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`;
}

/** Opens /authorize with `query` in `browser` and signs in when the login page shows. */
export async function authorizeInBrowser(
  seeded: Seeded,
  query: Record<string, string>,
  browser = new TestBrowser(),
) {
  const url = `/${seeded.issuer.id}/authorize?${new URLSearchParams(query)}`;
  let response = await browser.fetch(url);
  const page = await response.clone().text();
  if (response.status === 200 && page.includes('name="password"')) {
    response = await browser.submitLogin(
      seeded.issuer.id,
      page,
      "alice@example.com",
      seeded.password,
    );
  }
  return { response, browser };
}

/** A web client of the seeded issuer that must push its requests (`settings`). */
export async function webClientRequiringPar(seeded: Seeded) {
  return createClient(
    seeded.db,
    seeded.ctx,
    seeded.issuer.id,
    CreateClientInput.parse({
      name: "par-only",
      type: "web",
      settings: {
        redirect_uris: ["https://par.example.com/callback"],
        require_pushed_authorization_requests: true,
      },
    }),
  );
}

/** Sets the issuer-wide requirement as the Core API would, before the IdP reads the issuer. */
export async function requireParForIssuer(seeded: Seeded): Promise<void> {
  const updated = await updateIssuer(seeded.db, seeded.ctx, seeded.issuer.id, {
    settings: { access: { require_pushed_authorization_requests: true } },
  });
  seeded.issuer.settings = updated.settings;
}
