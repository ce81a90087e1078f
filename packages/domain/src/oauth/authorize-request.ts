import { isConfidential } from "../clients/client-settings.ts";
import type { ClientRow } from "../clients/client-wire.ts";
import { clientGrantTypes } from "../clients/client-wire.ts";
import { isValidCodeChallenge } from "./pkce.ts";
import { matchesRedirectUri } from "./redirect-uri.ts";
import { type ParameterEntries, readParameters } from "./request-parameters.ts";
import { DEFAULT_RESPONSE_MODE, parseResponseMode, type ResponseMode } from "./response-mode.ts";
import { allowedScopes, parseScope, unknownScopes } from "./scopes.ts";

export const PROMPTS = ["none", "login", "consent", "select_account"] as const;
export type Prompt = (typeof PROMPTS)[number];

/** A validated authorization request (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 8707). */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scope: string[];
  state: string | null;
  nonce: string | null;
  codeChallenge: string | null;
  prompt: Prompt[];
  maxAge: number | null;
  loginHint: string | null;
  org: string | null;
  resource: string[];
  /** Requested `acr` values, in order of preference (OIDC Core §3.1.2.1). */
  acrValues: string[];
  /** `ui_locales` as sent: the page languages the user prefers, first first (OIDC Core §3.1.2.1). */
  uiLocales?: string | null;
  /** The `sub` of a valid `id_token_hint`: only this user may be answered (OIDC Core §3.1.2.1). */
  idTokenHintSub?: string | null;
  /** How the answer travels back; absent in requests saved before response modes existed. */
  responseMode?: ResponseMode;
  /** RFC 9449 §10: the thumbprint of the DPoP key the code must be redeemed with. */
  dpopJkt?: string | null;
  /** Set when the sign-in approves a device (RFC 8628 §3.3) instead of redirecting a code. */
  device?: { deviceHash: string; expiresAt: number };
}

/** Errors before the client and redirect URI are trusted are shown, never redirected. */
export type AuthorizeCheck =
  | { ok: true; request: AuthorizeRequest; idTokenHint: string | null }
  | { ok: false; redirect: false; error: string; description: string }
  | {
      ok: false;
      redirect: true;
      redirectUri: string;
      responseMode: ResponseMode;
      state: string | null;
      error: string;
      description: string;
    };

/** The parameters /authorize reads (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 8707); others are ignored. */
export const AUTHORIZE_PARAMETERS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "prompt",
  "max_age",
  "login_hint",
  "id_token_hint",
  "org",
  "response_mode",
  "acr_values",
  "ui_locales",
  "resource",
  "request",
  "request_uri",
  "dpop_jkt",
] as const;

/**
 * Validates an authorization request in the order RFC 6749 §4.1.2.1 requires: the client and
 * its redirect URI first (a bad one is an error page), then everything else as an error
 * redirect carrying `state`.
 */
export function checkAuthorizeRequest(
  entries: ParameterEntries,
  client: ClientRow | undefined,
  issuerScopes: readonly string[],
): AuthorizeCheck {
  const { params, repeated } = readParameters(entries, AUTHORIZE_PARAMETERS);
  const one = (key: string) => params.get(key);
  const page = (description: string): AuthorizeCheck => ({
    ok: false,
    redirect: false,
    error: "invalid_request",
    description,
  });

  if (!one("client_id")) return page("client_id is required");
  if (repeated.includes("client_id")) return page("client_id is repeated");
  if (client?.status !== "active") return page("Unknown client");
  const redirectUri = one("redirect_uri");
  if (!redirectUri) return page("redirect_uri is required");
  if (repeated.includes("redirect_uri")) return page("redirect_uri is repeated");
  if (!matchesRedirectUri(redirectUri, client.settings.redirect_uris, client.type)) {
    return page("redirect_uri is not registered for this client");
  }

  const state = one("state");
  let responseMode = DEFAULT_RESPONSE_MODE;
  const fail = (error: string, description: string): AuthorizeCheck => ({
    ok: false,
    redirect: true,
    redirectUri,
    responseMode,
    state,
    error,
    description,
  });
  if (repeated[0] !== undefined) return fail("invalid_request", `${repeated[0]} is repeated`);
  // A mode we cannot speak is refused in the default one (docs/decisions/protocol.md §1).
  const mode = parseResponseMode(one("response_mode"));
  if (mode === null) return fail("invalid_request", "response_mode is not supported");
  responseMode = mode;
  if (one("request") !== null)
    return fail("request_not_supported", "request objects are not supported");
  if (one("request_uri") !== null) {
    return fail("request_uri_not_supported", "request_uri is not supported");
  }
  const responseType = one("response_type");
  if (!responseType) return fail("invalid_request", "response_type is required");
  if (responseType !== "code") {
    return fail("unsupported_response_type", "only response_type=code is supported");
  }
  if (!clientGrantTypes(client).includes("authorization_code")) {
    return fail("unauthorized_client", "this client may not use the authorization code flow");
  }

  const scope = parseScope(one("scope"));
  const unknown = unknownScopes(scope, allowedScopes(client.settings.scopes, issuerScopes));
  if (unknown.length > 0) return fail("invalid_scope", `scope not allowed: ${unknown.join(" ")}`);

  const challenge = one("code_challenge");
  const method = one("code_challenge_method");
  if (method !== null && method !== "S256") {
    return fail("invalid_request", "code_challenge_method must be S256");
  }
  if (challenge === null && method !== null) {
    return fail("invalid_request", "code_challenge_method without code_challenge");
  }
  if (challenge !== null && method === null) {
    return fail("invalid_request", "code_challenge_method=S256 is required");
  }
  if (challenge !== null && !isValidCodeChallenge(challenge)) {
    return fail("invalid_request", "code_challenge must be a base64url SHA-256 digest");
  }
  if (challenge === null && !isConfidential(client.type)) {
    return fail(
      "invalid_request",
      "PKCE (code_challenge with S256) is required for public clients",
    );
  }

  const dpopJkt = one("dpop_jkt");
  // RFC 9449 §10: a base64url SHA-256 JWK thumbprint (RFC 7638).
  if (dpopJkt !== null && !/^[A-Za-z0-9_-]{43}$/.test(dpopJkt)) {
    return fail("invalid_request", "dpop_jkt must be a base64url SHA-256 JWK thumbprint");
  }

  const prompt = (one("prompt") ?? "").split(" ").filter((p) => p.length > 0);
  const badPrompt = prompt.find((p) => !(PROMPTS as readonly string[]).includes(p));
  if (badPrompt) return fail("invalid_request", `unsupported prompt value: ${badPrompt}`);
  if (prompt.includes("none") && prompt.length > 1) {
    return fail("invalid_request", "prompt=none cannot be combined with other values");
  }
  const maxAgeText = one("max_age");
  if (maxAgeText !== null && !/^\d{1,9}$/.test(maxAgeText)) {
    return fail("invalid_request", "max_age must be a non-negative integer");
  }
  const resource = params.getAll("resource");
  for (const uri of resource) {
    if (!isAbsoluteUriWithoutFragment(uri)) {
      return fail("invalid_target", "resource must be an absolute URI without a fragment");
    }
  }

  return {
    ok: true,
    idTokenHint: one("id_token_hint"),
    request: {
      clientId: client.id,
      redirectUri,
      scope,
      state,
      nonce: one("nonce"),
      codeChallenge: challenge,
      prompt: prompt as Prompt[],
      maxAge: maxAgeText === null ? null : Number(maxAgeText),
      loginHint: boundedHint(one("login_hint")),
      org: one("org"),
      resource,
      acrValues: (one("acr_values") ?? "").split(" ").filter((v) => v.length > 0),
      uiLocales: one("ui_locales"),
      responseMode,
      ...(dpopJkt !== null ? { dpopJkt } : {}),
    },
  };
}

/** Longer than any email address (RFC 5321 §4.5.3.1): a `login_hint` past it is dropped. */
export const LOGIN_HINT_MAX_LENGTH = 320;

/** A hint only prefills the form (OIDC Core §3.1.2.1), so an oversized one is ignored. */
function boundedHint(hint: string | null): string | null {
  return hint !== null && hint.length <= LOGIN_HINT_MAX_LENGTH ? hint : null;
}

/** RFC 8707 §2: an absolute URI, no fragment. */
function isAbsoluteUriWithoutFragment(value: string): boolean {
  try {
    return new URL(value).hash === "" && !value.includes("#");
  } catch {
    return false;
  }
}

/** A redirect with query parameters (the post-logout redirect, OIDC RP-Initiated Logout 1.0 §3). */
export function authorizationResponseUrl(
  redirectUri: string,
  params: Record<string, string | null>,
): string {
  const url = new URL(redirectUri);
  for (const [key, value] of Object.entries(params)) {
    if (value !== null) url.searchParams.set(key, value);
  }
  return url.toString();
}
