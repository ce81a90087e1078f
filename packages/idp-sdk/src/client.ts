import { Agent, type AgentHost } from "./agent.ts";
import { discoveryLoader, type ProviderMetadata } from "./discovery.ts";
import { DpopKey, sendWithDpop } from "./dpop.ts";
import {
  ConfigurationError,
  IdpError,
  IssuerMismatchError,
  RefreshError,
  StateMismatchError,
} from "./errors.ts";
import { codeChallenge, randomValue } from "./pkce.ts";
import { oauthError, postForm, tokenSet } from "./token-endpoint.ts";
import type {
  AgentCallbacks,
  AuthorizationRequest,
  IdpClientOptions,
  TokenSet,
  User,
} from "./types.ts";
import { type KeySet, keySet, verifyAccessJwt, verifyIdToken } from "./verify.ts";

/** The OAuth 2.1 / OpenID Connect client of one issuer (mirrors the Python `IdpClient`). */
export class IdpClient implements AgentHost {
  readonly clientId: string;
  readonly leewaySeconds: number;
  readonly #options: IdpClientOptions;
  readonly #fetch: typeof fetch;
  readonly #metadata: () => Promise<ProviderMetadata>;
  #keys: KeySet | undefined;
  #dpop: Promise<DpopKey> | undefined;
  readonly #refreshing = new Map<string, Promise<TokenSet>>();

  constructor(options: IdpClientOptions) {
    if (!/^https?:\/\//.test(options.issuerUrl))
      throw new ConfigurationError("issuerUrl must be an http(s) URL");
    this.#options = { ...options, issuerUrl: options.issuerUrl.replace(/\/+$/, "") };
    this.clientId = options.clientId;
    this.leewaySeconds = options.refreshLeewaySeconds ?? 30;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.#metadata = discoveryLoader(this.#options.issuerUrl, this.#fetch);
    const dpop = options.dpop;
    if (dpop) this.#dpop = dpop === true ? DpopKey.generate() : Promise.resolve(dpop);
  }

  /** The DPoP key proofs are signed with, when DPoP is on (`dpop` option). */
  dpopKey(): Promise<DpopKey | undefined> {
    return this.#dpop ?? Promise.resolve(undefined);
  }

  async #post(url: string, params: [string, string][]): Promise<Response> {
    return postForm(this.#fetch, url, this.#options, params, await this.dpopKey());
  }

  /**
   * A client from environment bindings: `AUTHPI_ISSUER_URL`, `AUTHPI_CLIENT_ID`, and optionally
   * `AUTHPI_CLIENT_SECRET` and `AUTHPI_REDIRECT_URI` (a Worker's `env`, or `process.env`).
   */
  static fromEnv(env: Record<string, unknown>, options: Partial<IdpClientOptions> = {}): IdpClient {
    const read = (name: string) =>
      typeof env[name] === "string" && env[name] !== "" ? (env[name] as string) : undefined;
    const issuerUrl = read("AUTHPI_ISSUER_URL");
    const clientId = read("AUTHPI_CLIENT_ID");
    if (!issuerUrl || !clientId)
      throw new ConfigurationError("AUTHPI_ISSUER_URL and AUTHPI_CLIENT_ID are required");
    const secret = read("AUTHPI_CLIENT_SECRET");
    const redirectUri = read("AUTHPI_REDIRECT_URI");
    return new IdpClient({
      issuerUrl,
      clientId,
      ...(secret ? { clientSecret: secret } : {}),
      ...(redirectUri ? { redirectUri } : {}),
      ...options,
    });
  }

  get issuerUrl(): string {
    return this.#options.issuerUrl;
  }

  async #keySet(): Promise<KeySet> {
    this.#keys ??= keySet((await this.#metadata()).jwks_uri, this.#fetch);
    return this.#keys;
  }

  #redirectUri(): string {
    if (!this.#options.redirectUri)
      throw new ConfigurationError("redirectUri is required for the code flow");
    return this.#options.redirectUri;
  }

  /** The URL to send the user to, with PKCE S256, `state` and `nonce` generated. */
  async createAuthorizationUrl(options: {
    scopes: string[];
    org?: string;
    prompt?: string;
    loginHint?: string;
    resources?: string[];
  }): Promise<AuthorizationRequest> {
    const metadata = await this.#metadata();
    const codeVerifier = randomValue(32);
    const state = randomValue(16);
    const nonce = randomValue(16);
    const url = new URL(metadata.authorization_endpoint);
    const set = (key: string, value: string | undefined) =>
      value !== undefined && url.searchParams.set(key, value);
    set("response_type", "code");
    set("client_id", this.clientId);
    set("redirect_uri", this.#redirectUri());
    set("scope", options.scopes.join(" "));
    set("state", state);
    set("nonce", nonce);
    set("code_challenge", await codeChallenge(codeVerifier));
    set("code_challenge_method", "S256");
    set("org", options.org);
    set("prompt", options.prompt);
    set("login_hint", options.loginHint);
    for (const resource of options.resources ?? this.#options.resources ?? [])
      url.searchParams.append("resource", resource);
    return { url: url.toString(), codeVerifier, state, nonce };
  }

  /** Exchanges a code (RFC 6749 §4.1.3 + PKCE) and verifies the ID token (and `nonce`, if given). */
  async exchangeCode(code: string, codeVerifier: string, nonce?: string): Promise<Agent> {
    const metadata = await this.#metadata();
    const response = await this.#post(metadata.token_endpoint, [
      ["grant_type", "authorization_code"],
      ["code", code],
      ["redirect_uri", this.#redirectUri()],
      ["code_verifier", codeVerifier],
    ]);
    const tokens = await tokenSet(response, Date.now());
    if (!tokens.id_token)
      throw new IdpError("invalid_response", "no id_token: request the openid scope");
    await verifyIdToken(await this.#keySet(), tokens.id_token, {
      issuer: metadata.issuer,
      clientId: this.clientId,
      nonce,
    });
    return new Agent(this, tokens);
  }

  /**
   * Handles the redirect back: checks `state` (CSRF) and `iss` (RFC 9207), surfaces an error
   * response as `IdpError`, then exchanges the code and verifies the ID token and `nonce`.
   */
  async exchangeCallback(
    callbackUrl: string | URL,
    stored: Omit<AuthorizationRequest, "url">,
  ): Promise<Agent> {
    const params = new URL(callbackUrl).searchParams;
    if (params.get("state") !== stored.state) throw new StateMismatchError();
    const metadata = await this.#metadata();
    const iss = params.get("iss");
    if (
      iss !== null
        ? iss !== metadata.issuer
        : metadata.authorization_response_iss_parameter_supported
    ) {
      throw new IssuerMismatchError(iss);
    }
    const error = params.get("error");
    if (error) throw new IdpError(error, params.get("error_description") ?? undefined);
    const code = params.get("code");
    if (!code) throw new IdpError("invalid_request", "the callback carries no code");
    return this.exchangeCode(code, stored.codeVerifier, stored.nonce);
  }

  /** Rebuilds an agent from stored tokens, refreshing first when the access token expired. */
  async createAgent(tokens: TokenSet, callbacks: AgentCallbacks = {}): Promise<Agent> {
    const agent = new Agent(this, tokens, callbacks);
    if (agent.isExpired()) {
      if (!tokens.refresh_token) {
        const error = new RefreshError(
          "the access token expired and there is no refresh token",
          true,
        );
        await callbacks.onRefreshError?.(error);
        throw error;
      }
      await agent.accessToken();
    }
    return agent;
  }

  /** Single-flight refresh: concurrent callers with the same refresh token share one request. */
  refreshTokens(tokens: TokenSet, callbacks: AgentCallbacks): Promise<TokenSet> {
    const key = tokens.refresh_token as string;
    let pending = this.#refreshing.get(key);
    if (!pending) {
      pending = this.#refresh(tokens, callbacks).finally(() => this.#refreshing.delete(key));
      this.#refreshing.set(key, pending);
    }
    return pending;
  }

  async #refresh(tokens: TokenSet, callbacks: AgentCallbacks): Promise<TokenSet> {
    let next: TokenSet;
    try {
      const metadata = await this.#metadata();
      const response = await this.#post(metadata.token_endpoint, [
        ["grant_type", "refresh_token"],
        ["refresh_token", tokens.refresh_token as string],
      ]);
      next = await tokenSet(response, Date.now());
      if (next.id_token) {
        await verifyIdToken(await this.#keySet(), next.id_token, {
          issuer: metadata.issuer,
          clientId: this.clientId,
        });
      }
      next = { ...next, id_token: next.id_token ?? tokens.id_token };
    } catch (cause) {
      const ended = cause instanceof IdpError && cause.error === "invalid_grant";
      const error = new RefreshError(
        ended ? "the session is over; sign in again" : "refresh failed",
        ended,
        { cause },
      );
      await callbacks.onRefreshError?.(error);
      throw error;
    }
    await callbacks.onRefresh?.(next);
    return next;
  }

  /** Client credentials (RFC 6749 §4.4) for machine clients: an agent with an access token only. */
  async clientCredentials(
    options: { scopes?: string[]; resource?: string | string[] } = {},
  ): Promise<Agent> {
    const metadata = await this.#metadata();
    const params: [string, string][] = [["grant_type", "client_credentials"]];
    if (options.scopes) params.push(["scope", options.scopes.join(" ")]);
    const resources = options.resource ?? this.#options.resources ?? [];
    for (const resource of Array.isArray(resources) ? resources : [resources])
      params.push(["resource", resource]);
    const response = await this.#post(metadata.token_endpoint, params);
    return new Agent(this, await tokenSet(response, Date.now()));
  }

  /** For resource servers: verifies an access token of this issuer meant for `audience`. */
  async verifyAccessToken(token: string, options: { audience: string | string[]; now?: Date }) {
    const metadata = await this.#metadata();
    return verifyAccessJwt(await this.#keySet(), token, {
      issuer: metadata.issuer,
      audience: options.audience,
      now: options.now,
    });
  }

  async userInfo(accessToken: string): Promise<User> {
    const metadata = await this.#metadata();
    if (!metadata.userinfo_endpoint)
      throw new ConfigurationError("the issuer has no userinfo endpoint");
    const url = metadata.userinfo_endpoint;
    const dpop = await this.dpopKey();
    // RFC 9449 §7.1: a bound token goes with the DPoP scheme and a proof carrying `ath`.
    const response = dpop
      ? await sendWithDpop(dpop, { htm: "GET", htu: url, accessToken }, (proof) =>
          this.#fetch(url, {
            headers: {
              authorization: `DPoP ${accessToken}`,
              dpop: proof,
              accept: "application/json",
            },
          }),
        )
      : await this.#fetch(url, {
          headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
        });
    if (!response.ok) throw await oauthError(response);
    return (await response.json()) as User;
  }

  /** Revokes a token (RFC 7009); a refresh token ends its whole session family. */
  async revoke(token: string, hint?: "access_token" | "refresh_token"): Promise<void> {
    const metadata = await this.#metadata();
    if (!metadata.revocation_endpoint)
      throw new ConfigurationError("the issuer has no revocation endpoint");
    const params: [string, string][] = [["token", token]];
    if (hint) params.push(["token_type_hint", hint]);
    const response = await postForm(
      this.#fetch,
      metadata.revocation_endpoint,
      this.#options,
      params,
    );
    if (!response.ok) throw await oauthError(response);
  }

  /** The RP-initiated logout URL (OIDC RP-Initiated Logout 1.0 §2). */
  async createLogoutUrl(options: {
    idTokenHint: string;
    postLogoutRedirectUri?: string;
    state?: string;
  }) {
    const metadata = await this.#metadata();
    if (!metadata.end_session_endpoint)
      throw new ConfigurationError("the issuer has no end_session_endpoint");
    const url = new URL(metadata.end_session_endpoint);
    url.searchParams.set("id_token_hint", options.idTokenHint);
    if (options.postLogoutRedirectUri)
      url.searchParams.set("post_logout_redirect_uri", options.postLogoutRedirectUri);
    if (options.state) url.searchParams.set("state", options.state);
    return url.toString();
  }
}
