import type { ClientRow } from "../clients/client-wire.ts";
import { issuerSettings } from "../issuers/issuer-settings.ts";
import type { IssuerRow } from "../issuers/issuer-wire.ts";
import { inShard, shardOf } from "../oauth/shard-routing.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import type { ClaimsUser } from "./claims-snapshot.ts";
import { accessTokenHash, newJti, signJwt } from "./jwt.ts";
import type { OrganizationClaim } from "./organizations-claim.ts";
import { userClaims } from "./user-claims.ts";

/** Every token is capped at 21 days (docs/decisions/wire-contract.md §4). */
export const MAX_TOKEN_TTL_S = 21 * 86_400;

export interface TokenContext {
  ring: KeyRing;
  issuerUrl: string;
  issuer: IssuerRow;
  client: ClientRow;
  /** Milliseconds. */
  now: number;
  /** A DPoP proof's key: the access token is bound to it (RFC 9449 §6). */
  proof?: { jkt: string } | null;
}

/** What a user's tokens stand for: a login, through one client, in one rp session. */
export interface UserGrant {
  user: ClaimsUser;
  /** The rp session id (`s_...`): the `sid` of every token of this grant. */
  sid: string;
  /** The full scope granted at login; refresh tokens keep it. */
  scope: string[];
  /** The scope of this issuance (the grant, or a narrowing of it on refresh). */
  effectiveScope: string[];
  /** When the user authenticated, in ms. */
  authTime: number;
  /** How (RFC 8176); the ID token's `amr` when not empty. */
  amr: string[];
  /** The ID token's `acr`, only when the request asked for one (OIDC Core §2). */
  acr: string | null;
  nonce: string | null;
  orgId: string | null;
  resource: string[];
  organizations: OrganizationClaim[];
}

export interface TokenResponse {
  access_token: string;
  /** RFC 8693 §2.2.1: token exchange answers say what kind of token they issued. */
  issued_token_type?: string;
  /** `DPoP` for a token bound to a DPoP key (RFC 9449 §5). */
  token_type: "Bearer" | "DPoP";
  expires_in: number;
  scope: string;
  refresh_token?: string;
  id_token?: string;
}

/** Access-token lifetime in seconds: the client's, else the issuer's, capped at 21 days. */
export function accessTokenTtl(issuer: IssuerRow, client: ClientRow): number {
  const ttl =
    client.settings.access_token_ttl ??
    issuerSettings(issuer.settings).access.tokens.access_token_ttl;
  return Math.min(ttl, MAX_TOKEN_TTL_S);
}

/** Refresh-token lifetime in seconds, same precedence and cap. */
export function refreshTokenTtl(issuer: IssuerRow, client: ClientRow): number {
  const ttl =
    client.settings.refresh_token_ttl ??
    issuerSettings(issuer.settings).access.tokens.refresh_token_ttl;
  return Math.min(ttl, MAX_TOKEN_TTL_S);
}

/** `aud` is the requested resource (RFC 8707), else the client id (docs/decisions/wire-contract.md §4). */
export function audience(resource: readonly string[], clientId: string): string | string[] {
  if (resource.length === 0) return clientId;
  return resource.length === 1 ? (resource[0] as string) : [...resource];
}

/** RFC 9449 §6.1: a bound access token confirms its key by thumbprint. */
function confirmation(ctx: TokenContext): { cnf?: { jkt: string } } {
  return ctx.proof ? { cnf: { jkt: ctx.proof.jkt } } : {};
}

function tokenType(ctx: TokenContext): TokenResponse["token_type"] {
  return ctx.proof ? "DPoP" : "Bearer";
}

/**
 * Mints a user's access token (RFC 9068), ID token when `openid` was granted (OIDC Core §2) and,
 * when `refresh` is given, answers with that refresh handle (filed by the store under its hash). Registered claims are set last
 * so custom claims can never replace them.
 */
export async function issueUserTokens(
  ctx: TokenContext,
  grant: UserGrant,
  options: { refresh: { handle: string } | null; firstIssue: boolean },
): Promise<TokenResponse> {
  const alg = ctx.client.settings.response_signature_alg;
  const iat = Math.floor(ctx.now / 1000);
  const ttl = accessTokenTtl(ctx.issuer, ctx.client);
  const scope = grant.effectiveScope.join(" ");
  const accessToken = await signJwt(
    ctx.ring,
    alg,
    {
      organizations: grant.organizations,
      ...(grant.orgId ? { org_id: grant.orgId } : {}),
      iss: ctx.issuerUrl,
      sub: grant.user.id,
      aud: audience(grant.resource, ctx.client.id),
      exp: iat + ttl,
      iat,
      auth_time: iat,
      // In the shard of its session, where a revocation of it is kept (docs/decisions/sharding.md).
      jti: inShard(newJti(), "token", shardOf(grant.sid, "id")),
      sid: grant.sid,
      client_id: ctx.client.id,
      dat: { type: "identity" },
      scope,
      ...confirmation(ctx),
    },
    "at+jwt",
  );
  const response: TokenResponse = {
    access_token: accessToken,
    token_type: tokenType(ctx),
    expires_in: ttl,
    scope,
  };
  if (grant.effectiveScope.includes("openid")) {
    response.id_token = await signJwt(ctx.ring, alg, {
      ...userClaims(grant.user, grant.effectiveScope),
      organizations: grant.organizations,
      // authpi-idp reads a selected-org login's `org_id` from the ID token (`agent.org_id`).
      ...(grant.orgId ? { org_id: grant.orgId } : {}),
      iss: ctx.issuerUrl,
      sub: grant.user.id,
      aud: ctx.client.id,
      exp: iat + ttl,
      iat,
      auth_time: Math.floor(grant.authTime / 1000),
      ...(grant.amr.length > 0 ? { amr: grant.amr } : {}),
      ...(grant.acr !== null ? { acr: grant.acr } : {}),
      // OIDC Core §12.2: a refreshed ID token carries no nonce.
      ...(options.firstIssue && grant.nonce !== null ? { nonce: grant.nonce } : {}),
      sid: grant.sid,
      at_hash: await accessTokenHash(accessToken, alg),
    });
  }
  // An opaque handle, not a JWT: no signature (docs/decisions/token-paths.md).
  if (options.refresh) response.refresh_token = options.refresh.handle;
  return response;
}

/** A client_credentials access token (RFC 6749 §4.4): the client is the subject, no `sid`. */
export async function issueClientToken(
  ctx: TokenContext,
  scope: string[],
  resource: string[],
): Promise<TokenResponse> {
  const iat = Math.floor(ctx.now / 1000);
  const ttl = accessTokenTtl(ctx.issuer, ctx.client);
  const accessToken = await signJwt(
    ctx.ring,
    ctx.client.settings.response_signature_alg,
    {
      iss: ctx.issuerUrl,
      sub: ctx.client.id,
      aud: audience(resource, ctx.client.id),
      exp: iat + ttl,
      iat,
      auth_time: iat,
      jti: newJti(),
      client_id: ctx.client.id,
      dat: { type: "key" },
      scope: scope.join(" "),
      ...confirmation(ctx),
    },
    "at+jwt",
  );
  return {
    access_token: accessToken,
    token_type: tokenType(ctx),
    expires_in: ttl,
    scope: scope.join(" "),
  };
}
