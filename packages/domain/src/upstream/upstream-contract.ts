import type { AppleSigningKey } from "./apple-client-secret.ts";

/**
 * The contract between the parts of upstream sign-in (issue 17): social and generic OIDC
 * upstreams configured as `oauth2` auth methods, and enterprise SSO connections configured per
 * organization. A connection is resolved from either source into one `UpstreamConnection`; an
 * `UpstreamAdapter` speaks the upstream's protocol; the IdP's upstream flow (start, callback,
 * just-in-time creation, linking) only sees these types.
 */

/** Where a connection's configuration lives. */
export type UpstreamSource =
  | { kind: "auth_method"; authMethodId: string }
  | { kind: "organization"; organizationId: string };

/** The protocol an adapter speaks. Presets (google, microsoft, apple, gitlab) map onto "oidc". */
export type UpstreamProtocol = "oidc" | "github";

export interface UpstreamConnection {
  /** Stable id used in URLs and in linked identities: the auth method id or the org id. */
  id: string;
  source: UpstreamSource;
  protocol: UpstreamProtocol;
  /** Lowercase provider name (`google`, `github`, `acme-okta`, ...): the button and the docs. */
  provider: string;
  /** What the "Continue with <provider>" button says after "Continue with". */
  displayName: string;
  clientId: string;
  /** Unsealed only in memory, for the token request; null for public clients. */
  clientSecret: string | null;
  /** OIDC issuer (discovery at `{issuer}/.well-known/openid-configuration`); null for github. */
  issuer: string | null;
  /** Explicit endpoints override discovery (and are required for non-OIDC protocols). */
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  userinfoEndpoint: string | null;
  scopes: string[];
  /** `form_post` when the upstream posts the callback (Apple with name/email scopes). */
  responseMode: "query" | "form_post";
  /** How the upstream's `amr`/`acr` count toward our MFA (issue 17 §3). */
  mfa: UpstreamMfaMapping;
  /** Apple: the key each token request's client secret JWT is minted with (unsealed in memory). */
  appleKey?: AppleSigningKey | null;
  /** Microsoft multi-tenant: `iss` carries the user's tenant (`tid`), optionally from a list. */
  tenancy?: UpstreamTenancy | null;
}

/** A multi-tenant upstream: its directory (`common`, ...) and the tenant ids it lets in (all when empty). */
export interface UpstreamTenancy {
  tenant: string;
  allowedTenants: string[];
}

/** Which upstream `amr` values or `acr` values mean the upstream did multi-factor auth. */
export interface UpstreamMfaMapping {
  amrValues: string[];
  acrValues: string[];
}

/** What the callback carries back across the redirect, kept server-side (never in the URL). */
export interface UpstreamAttempt {
  connectionId: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  /** The sign-in (login request) this upstream round trip belongs to. */
  loginRequestId: string;
  expiresAt: number;
}

/** The upstream's verified statement about who signed in. */
export interface UpstreamProfile {
  /** The upstream's subject (`sub`, or GitHub's numeric id as a string). */
  subject: string;
  /** The issuer that vouched for `subject` (the ID token's `iss`; for github its API origin). */
  issuer: string;
  email: string | null;
  /** True only when the upstream says so (OIDC `email_verified`, GitHub's verified flag). */
  emailVerified: boolean;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  picture: string | null;
  /** The upstream ID token's `amr` and `acr` (empty / null when absent). */
  amr: string[];
  acr: string | null;
}

export interface UpstreamAdapter {
  /** The URL to send the browser to. */
  authorizationUrl(connection: UpstreamConnection, attempt: UpstreamAttempt): Promise<URL>;
  /**
   * Completes the callback: checks `state`, exchanges the code (PKCE), verifies the ID token
   * (signature against the upstream JWKS, `iss`, `aud`, `nonce`, expiry) or reads the profile
   * API, and returns the profile; `now` (ms) dates any client assertion. Throws `UpstreamError` on any failure.
   */
  finish(
    connection: UpstreamConnection,
    attempt: UpstreamAttempt,
    callbackUrl: URL,
    now: number,
  ): Promise<UpstreamProfile>;
}

/** Why an upstream round trip failed; written to the `user.upstream.failed`-style event. */
export type UpstreamFailure =
  | "state_mismatch"
  | "nonce_mismatch"
  | "issuer_mismatch"
  | "audience_mismatch"
  | "tenant_not_allowed"
  | "invalid_id_token"
  | "upstream_error"
  | "exchange_failed"
  | "replayed"
  | "expired";

export class UpstreamError extends Error {
  constructor(
    readonly reason: UpstreamFailure,
    message: string,
  ) {
    super(message);
    this.name = "UpstreamError";
  }
}
