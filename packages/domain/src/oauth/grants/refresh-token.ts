import { clientGrantTypes } from "../../clients/client-wire.ts";
import { DomainError } from "../../errors.ts";
import { issueUserTokens, refreshTokenTtl, type TokenResponse } from "../../tokens/issue-tokens.ts";
import {
  newRefreshHandle,
  type RefreshGrant,
  refreshHandleKey,
  refreshHandleSession,
} from "../../tokens/refresh-handle.ts";
import type { RequestParams } from "../request-parameters.ts";
import { parseScope, unknownScopes } from "../scopes.ts";
import { type GrantContext, narrowedResources, required, resourceParams } from "./grant-context.ts";
import type { GrantModule } from "./grant-module.ts";
import { legacyRefreshToken } from "./legacy-refresh-token.ts";
import { grantSubject } from "./load-grant-user.ts";

const INVALID = "The refresh token is invalid, expired or revoked";

/** The presented token's store key and session: a handle, or a refresh JWT issued before them. */
async function presented(
  ctx: GrantContext,
  token: string,
): Promise<{ key: string; sid: string; grant?: RefreshGrant; sub?: string }> {
  const sid = refreshHandleSession(token);
  if (sid) return { key: await refreshHandleKey(token), sid };
  const legacy = await legacyRefreshToken(ctx, token);
  if (!legacy) throw new DomainError("INVALID_GRANT", INVALID);
  return legacy;
}

/**
 * The refresh_token grant (RFC 6749 §6) with rotation on every use (RFC 9700 §4.14.2): the
 * store marks the presented handle used, records its successor and reads the family's grant
 * and the user's claims in one step; a handle already rotated revokes the whole family.
 * `scope` may narrow, never widen (checked in that step, so a refused request spends nothing),
 * and the new handle keeps the full original grant (docs/decisions/wire-contract.md §4).
 */
async function refreshTokenGrant(ctx: GrantContext, params: RequestParams): Promise<TokenResponse> {
  if (!clientGrantTypes(ctx.client).includes("refresh_token")) {
    throw new DomainError("UNAUTHORIZED_CLIENT", "this client may not use refresh_token");
  }
  const token = await presented(ctx, required(params, "refresh_token"));
  const requested = params.get("scope");
  const narrowed = requested === null ? null : parseScope(requested);
  const requestedResources = resourceParams(params);
  if (token.grant) narrowedResources(requestedResources, token.grant.resource);
  if (token.grant && narrowed && unknownScopes(narrowed, parseScope(token.grant.scope)).length) {
    throw new DomainError("INVALID_SCOPE", "scope may only narrow the original grant");
  }
  const handle = newRefreshHandle(token.sid);
  const next = {
    jti: await refreshHandleKey(handle),
    expiresAt: ctx.now + refreshTokenTtl(ctx.issuer, ctx.client) * 1000,
    scope: narrowed,
    resource: requestedResources.length > 0 ? requestedResources : null,
    ...(token.grant ? { grant: token.grant } : {}),
  };
  const dpop = ctx.proof ? [{ ...ctx.proof.replay, jkt: ctx.proof.jkt }] : [];
  const result = await ctx.store.rotateRefresh(token.key, ctx.client.id, next, ctx.now, ...dpop);
  if (result.status === "dpop_replayed") {
    throw new DomainError("INVALID_DPOP_PROOF", "the DPoP proof was already used");
  }
  if (result.status === "dpop_mismatch") {
    throw new DomainError(
      "INVALID_GRANT",
      "the refresh token is bound to a DPoP key this request did not prove",
    );
  }
  if (result.status === "replayed") {
    throw new DomainError(
      "INVALID_GRANT",
      "The refresh token was already used; the session has been revoked",
    );
  }
  if (result.status === "invalid_scope") {
    throw new DomainError("INVALID_SCOPE", "scope may only narrow the original grant");
  }
  if (result.status === "invalid_target") {
    throw new DomainError("INVALID_TARGET", "resource was not granted to this authorization");
  }
  if (result.status !== "ok" || result.session.id !== token.sid || !result.grant) {
    throw new DomainError("INVALID_GRANT", INVALID);
  }
  const { session, parent, grant } = result;
  const subject =
    (token.sub ?? session.userId) === session.userId
      ? await grantSubject(
          { ...ctx, issuerId: ctx.issuer.id },
          session.userId,
          result.claims,
          {
            orgId: grant.orgId,
            policy: ctx.client.settings.organizations,
          },
          { sid: session.id, jti: next.jti },
        )
      : null;
  if (!subject) {
    await ctx.store.endSession(session.id, "user_inactive", ctx.now);
    throw new DomainError("INVALID_GRANT", INVALID);
  }
  const granted = parseScope(grant.scope);
  return issueUserTokens(
    ctx,
    {
      user: subject.user,
      sid: session.id,
      scope: granted,
      effectiveScope: narrowed ?? granted,
      authTime: session.authTime,
      amr: parent.amr,
      acr: null,
      nonce: null,
      orgId: grant.orgId,
      resource: narrowedResources(requestedResources, grant.resource),
      organizations: subject.organizations,
    },
    { refresh: { handle }, firstIssue: false },
  );
}

export const refreshToken: GrantModule<GrantContext> = {
  grantType: "refresh_token",
  parameters: ["refresh_token", "scope", "resource"],
  handler: refreshTokenGrant,
};
