import type { DpopKey } from "./dpop.ts";

/**
 * Tokens as a plain object you can store anywhere (JSON, a cookie, KV). Field names match the
 * token response and the Python SDK's `TokenSet`, so both SDKs can read what the other stored.
 */
export interface TokenSet {
  access_token: string;
  token_type: string;
  /** Unix seconds when the access token expires. */
  expires_at: number;
  refresh_token?: string | undefined;
  id_token?: string | undefined;
  scope?: string | undefined;
}

/** One element of the `organizations` claim: the user's membership and its scopes. */
export interface Organization {
  id: string;
  title: string | null;
  scopes: string[];
  joined_at: number;
}

export interface User {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  given_name?: string;
  family_name?: string;
  picture?: string;
  [claim: string]: unknown;
}

/** What `createAuthorizationUrl` returns; keep all but `url` server-side until the callback. */
export interface AuthorizationRequest {
  url: string;
  codeVerifier: string;
  state: string;
  nonce: string;
}

export interface IdpClientOptions {
  /** `https://idp.example.com/{issuer_id}` */
  issuerUrl: string;
  clientId: string;
  /** Confidential clients only; public clients (SPA, native) leave it out and rely on PKCE. */
  clientSecret?: string;
  redirectUri?: string;
  /** Default RFC 8707 resource indicators for authorization and client credentials. */
  resources?: string[];
  /** Refresh this many seconds before expiry (default 30). */
  refreshLeewaySeconds?: number;
  /**
   * Opt-in DPoP (RFC 9449): proofs of this key go with every token request and UserInfo, so
   * tokens are bound to it. `true` generates a non-extractable ES256 key pair.
   */
  dpop?: DpopKey | true;
  /** A fetch to use instead of the global one (tests, proxies). */
  fetch?: typeof fetch;
}

export interface AgentCallbacks {
  /** Receives rotated tokens after a refresh: store them, the old refresh token is spent. */
  onRefresh?: (tokens: TokenSet) => void | Promise<void>;
  /** Called when fresh tokens cannot be had; `RefreshError.sessionEnded` means sign in again. */
  onRefreshError?: (error: Error) => void | Promise<void>;
}
