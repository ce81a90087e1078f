import { decodeJwt } from "jose";
import { hasAccess } from "./scopes.ts";
import type { AgentCallbacks, Organization, TokenSet, User } from "./types.ts";

/** What an agent needs from its client: fresh tokens and userinfo. */
export interface AgentHost {
  refreshTokens(tokens: TokenSet, callbacks: AgentCallbacks): Promise<TokenSet>;
  userInfo(accessToken: string): Promise<User>;
  readonly leewaySeconds: number;
  readonly clientId: string;
}

/**
 * A signed-in user (or, from client credentials, a machine) with its tokens. Claims come from
 * the ID token the client verified; `accessToken()` refreshes when the token is about to expire.
 */
export class Agent {
  #tokens: TokenSet;
  readonly #host: AgentHost;
  readonly #callbacks: AgentCallbacks;
  #claims: Record<string, unknown>;

  constructor(host: AgentHost, tokens: TokenSet, callbacks: AgentCallbacks = {}) {
    this.#host = host;
    this.#tokens = tokens;
    this.#callbacks = callbacks;
    this.#claims = tokens.id_token ? decodeJwt(tokens.id_token) : {};
  }

  /** The current tokens, a plain object to store. */
  get tokens(): TokenSet {
    return { ...this.#tokens };
  }

  /** The subject: `usr_...` for a user, the client id for client credentials. */
  get id(): string {
    return typeof this.#claims.sub === "string" ? this.#claims.sub : this.#host.clientId;
  }

  /** The user's claims from the ID token, or null for a machine agent. */
  get user(): User | null {
    if (typeof this.#claims.sub !== "string") return null;
    const {
      iss: _i,
      aud: _a,
      exp: _e,
      iat: _t,
      nonce: _n,
      at_hash: _h,
      organizations: _o,
      ...user
    } = this.#claims;
    return user as User;
  }

  /** Memberships as of the last token issue (they change at the next refresh). */
  get organizations(): Organization[] {
    const orgs = this.#claims.organizations;
    return Array.isArray(orgs) ? (orgs as Organization[]) : [];
  }

  isExpired(leewaySeconds = this.#host.leewaySeconds): boolean {
    return this.#tokens.expires_at - leewaySeconds <= Math.floor(Date.now() / 1000);
  }

  scopesIn(orgId: string): string[] {
    return this.organizations.find((org) => org.id === orgId)?.scopes ?? [];
  }

  /** True when the membership in `orgId` holds a scope granting `action` on `resource`. */
  hasAccessIn(orgId: string, action: string, resource: string): boolean {
    return hasAccess(this.scopesIn(orgId), action, resource);
  }

  /** Access in any organization; a machine agent without organizations uses its token scopes. */
  hasAccess(action: string, resource: string): boolean {
    if (this.organizations.some((org) => hasAccess(org.scopes, action, resource))) return true;
    if (this.organizations.length > 0) return false;
    return hasAccess((this.#tokens.scope ?? "").split(" ").filter(Boolean), action, resource);
  }

  isMemberOf(orgId: string): boolean {
    return this.organizations.some((org) => org.id === orgId);
  }

  /** A valid access token, refreshed first (once, even for concurrent callers) when expiring. */
  async accessToken(): Promise<string> {
    if (this.isExpired() && this.#tokens.refresh_token) {
      this.#tokens = await this.#host.refreshTokens(this.#tokens, this.#callbacks);
      if (this.#tokens.id_token) this.#claims = decodeJwt(this.#tokens.id_token);
    }
    return this.#tokens.access_token;
  }

  /** Fresh claims from the userinfo endpoint, including current organizations. */
  async fetchUserInfo(): Promise<User> {
    return this.#host.userInfo(await this.accessToken());
  }
}
