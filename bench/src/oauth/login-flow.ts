import { fillLoginForm, findLoginForm, parseForms } from "./html-form.ts";
import type { ProviderMetadata } from "./metadata.ts";
import { pkcePair, randomState } from "./pkce.ts";
import { type ClientCredentials, type TokenResponse, tokenRequest } from "./token.ts";
import { type Landing, UserAgent } from "./user-agent.ts";

export interface WebClient extends ClientCredentials {
  redirect_uri: string;
}

export interface FlowTarget {
  metadata: ProviderMetadata;
  client: WebClient;
  user: { username: string; password: string };
  scope: string;
}

export interface AuthorizationRequest {
  url: URL;
  state: string;
  code_verifier: string;
}

/** An authorization request with PKCE S256, state and nonce (RFC 6749 §4.1.1, RFC 7636 §4.3). */
export function authorizationRequest(target: FlowTarget): AuthorizationRequest {
  const pkce = pkcePair();
  const state = randomState();
  const url = new URL(target.metadata.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: target.client.client_id,
    redirect_uri: target.client.redirect_uri,
    scope: target.scope,
    state,
    nonce: randomState(),
    code_challenge: pkce.code_challenge,
    code_challenge_method: "S256",
  }).toString();
  return { url, state, code_verifier: pkce.code_verifier };
}

/** The code from the callback URL, after checking `state` (RFC 6749 §4.1.2, §10.12). */
export function codeFromCallback(landing: Landing, state: string): string {
  if (landing.kind !== "callback") {
    throw new Error(`stopped at ${landing.url.href} (HTTP ${landing.status}) before the callback`);
  }
  const params = landing.url.searchParams;
  if (params.get("error"))
    throw new Error(
      `authorization error: ${params.get("error")} ${params.get("error_description") ?? ""}`,
    );
  if (params.get("state") !== state) throw new Error("callback state does not match");
  const code = params.get("code");
  if (!code) throw new Error("callback without code");
  return code;
}

/** Submits the pages between /authorize and the callback: the login form, then any confirm form. */
async function submitPages(ua: UserAgent, target: FlowTarget, landing: Landing): Promise<Landing> {
  for (let step = 0; step < 3 && landing.kind === "page"; step++) {
    const login = findLoginForm(landing.html);
    const form = login ?? parseForms(landing.html).find((f) => f.method === "post");
    if (!form) throw new Error(`no form at ${landing.url.href} (HTTP ${landing.status})`);
    const body = fillLoginForm(form, target.user.username, target.user.password);
    const action = new URL(form.action || landing.url.href, landing.url);
    landing = await ua.navigate(login ? "POST login form" : "POST confirm form", action, {
      method: form.method === "get" ? "GET" : "POST",
      body,
    });
  }
  return landing;
}

/** authorize → login form POST → code → token: one password login, as a browser and an app do it. */
export async function passwordLogin(
  target: FlowTarget,
): Promise<{ ua: UserAgent; tokens: TokenResponse }> {
  const ua = new UserAgent(target.client.redirect_uri);
  const request = authorizationRequest(target);
  const landing = await submitPages(ua, target, await ua.navigate("GET authorize", request.url));
  const code = codeFromCallback(landing, request.state);
  const tokens = await exchangeCode(target, code, request.code_verifier);
  return { ua, tokens };
}

/** With a logged-in user agent, /authorize redirects straight back with a fresh code. */
export async function mintCode(
  ua: UserAgent,
  target: FlowTarget,
): Promise<{ code: string; code_verifier: string }> {
  const request = authorizationRequest(target);
  const landing = await ua.navigate("GET authorize", request.url);
  return { code: codeFromCallback(landing, request.state), code_verifier: request.code_verifier };
}

export function exchangeCode(
  target: FlowTarget,
  code: string,
  codeVerifier: string,
): Promise<TokenResponse> {
  return tokenRequest(target.metadata.token_endpoint, target.client, {
    grant_type: "authorization_code",
    code,
    redirect_uri: target.client.redirect_uri,
    code_verifier: codeVerifier,
  });
}
