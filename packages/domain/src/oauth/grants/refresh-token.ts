import { clientGrantTypes } from "../../clients/client-wire.ts";
import { DomainError } from "../../errors.ts";
import { issueUserTokens, refreshTokenTtl, type TokenResponse } from "../../tokens/issue-tokens.ts";
import { newJti, verifyOwnJwt } from "../../tokens/jwt.ts";
import type { RequestParams } from "../request-parameters.ts";
import { parseScope, unknownScopes } from "../scopes.ts";
import { type GrantContext, required } from "./grant-context.ts";
import type { GrantModule } from "./grant-module.ts";
import { grantSubject } from "./load-grant-user.ts";

const INVALID = "The refresh token is invalid, expired or revoked";

/**
 * The refresh_token grant (RFC 6749 §6) with rotation on every use (RFC 9700 §4.14.2): the
 * store marks the presented token used and records its successor in one step; a token that
 * was already rotated revokes the whole family. `scope` may narrow, never widen, and the new
 * refresh token keeps the full original grant (docs/decisions/wire-contract.md §4).
 */
async function refreshTokenGrant(ctx: GrantContext, params: RequestParams): Promise<TokenResponse> {
  if (!clientGrantTypes(ctx.client).includes("refresh_token")) {
    throw new DomainError("UNAUTHORIZED_CLIENT", "this client may not use refresh_token");
  }
  const verified = await verifyOwnJwt(ctx.ring, required(params, "refresh_token"), {
    issuer: ctx.issuerUrl,
    now: ctx.now,
  });
  const claims = verified?.payload;
  if (!claims || verified.typ !== undefined || typeof claims.jti !== "string") {
    throw new DomainError("INVALID_GRANT", INVALID);
  }
  if (claims.client_id !== ctx.client.id) throw new DomainError("INVALID_GRANT", INVALID);
  const granted = parseScope(String(claims.scope ?? ""));
  const requested = params.get("scope");
  const effective = requested === null ? granted : parseScope(requested);
  if (unknownScopes(effective, granted).length > 0) {
    throw new DomainError("INVALID_SCOPE", "scope may only narrow the original grant");
  }
  const next = {
    jti: newJti(),
    expiresAt: ctx.now + refreshTokenTtl(ctx.issuer, ctx.client) * 1000,
  };
  const orgId = typeof claims.org_id === "string" ? claims.org_id : null;
  const resource = Array.isArray(claims.resource) ? claims.resource.map(String) : [];
  if (typeof claims.sub !== "string") throw new DomainError("INVALID_GRANT", INVALID);
  // The rotation reads the claims snapshot in the same call; only a miss goes to D1.
  const result = await ctx.store.rotateRefresh(claims.jti, ctx.client.id, next, ctx.now);
  if (result.status === "replayed") {
    throw new DomainError(
      "INVALID_GRANT",
      "The refresh token was already used; the session has been revoked",
    );
  }
  if (result.status !== "ok") throw new DomainError("INVALID_GRANT", INVALID);
  const subject =
    claims.sub === result.session.userId
      ? await grantSubject({ ...ctx, issuerId: ctx.issuer.id }, claims.sub, result.claims, {
          orgId,
          policy: ctx.client.settings.organizations,
        })
      : null;
  if (!subject) {
    await ctx.store.endSession(result.session.id, "user_inactive", ctx.now);
    throw new DomainError("INVALID_GRANT", INVALID);
  }
  const { user, organizations } = subject;
  return issueUserTokens(
    ctx,
    {
      user,
      sid: result.session.id,
      scope: granted,
      effectiveScope: effective,
      authTime: result.session.authTime,
      amr: result.parent.amr,
      acr: null,
      nonce: null,
      orgId,
      resource,
      organizations,
    },
    {
      refresh: { jti: next.jti, expiresAt: Math.min(next.expiresAt, result.parent.expiresAt) },
      firstIssue: false,
    },
  );
}

export const refreshToken: GrantModule<GrantContext> = {
  grantType: "refresh_token",
  parameters: ["refresh_token", "scope"],
  handler: refreshTokenGrant,
};
