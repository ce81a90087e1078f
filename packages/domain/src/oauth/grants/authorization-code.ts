import { clientGrantTypes } from "../../clients/client-wire.ts";
import { DomainError } from "../../errors.ts";
import { newId } from "../../ids.ts";
import { issueUserTokens, refreshTokenTtl, type TokenResponse } from "../../tokens/issue-tokens.ts";
import { newRefreshHandle, refreshHandleKey } from "../../tokens/refresh-handle.ts";
import { verifyPkce } from "../pkce.ts";
import type { RequestParams } from "../request-parameters.ts";
import { parseScope } from "../scopes.ts";
import { codeKey, inShard, shardOf } from "../shard-routing.ts";
import { type GrantContext, narrowedResources, required, resourceParams } from "./grant-context.ts";
import type { GrantModule } from "./grant-module.ts";
import { grantSubject } from "./load-grant-user.ts";

const INVALID_CODE = "The authorization code is invalid, expired or already used";

/**
 * The authorization_code grant (RFC 6749 §4.1.3, RFC 7636 §4.6): redeems the code once in the
 * issuer store, which opens the rp session; any later check that fails revokes it again.
 */
async function authorizationCodeGrant(
  ctx: GrantContext,
  params: RequestParams,
): Promise<TokenResponse> {
  if (!clientGrantTypes(ctx.client).includes("authorization_code")) {
    throw new DomainError("UNAUTHORIZED_CLIENT", "this client may not use authorization_code");
  }
  const code = required(params, "code");
  const verifier = params.get("code_verifier");
  const requestedResources = resourceParams(params);
  const redirectUri = params.get("redirect_uri");
  const withRefresh = clientGrantTypes(ctx.client).includes("refresh_token");
  // The rp session and its refresh handle join the code's shard (docs/decisions/sharding.md).
  const shard = shardOf(code, "token");
  const sessionId = inShard(newId("session", ctx.now), "id", shard);
  const refreshHandle = newRefreshHandle(sessionId);
  const refreshExpiresAt = ctx.now + refreshTokenTtl(ctx.issuer, ctx.client) * 1000;
  const [codeHash, refreshJti] = await Promise.all([
    codeKey(code),
    refreshHandleKey(refreshHandle),
  ]);
  const result = await ctx.store.redeemCode(
    codeHash,
    ctx.client.id,
    { id: sessionId, clientId: ctx.client.id, refreshJti, refreshExpiresAt },
    ctx.now,
  );
  if (result.status !== "ok") throw new DomainError("INVALID_GRANT", INVALID_CODE);
  const { grant, session, parent } = result;
  const fail = async (message: string): Promise<never> => {
    await ctx.store.endSession(session.id, "grant_refused", ctx.now);
    throw new DomainError("INVALID_GRANT", message);
  };
  if (redirectUri !== grant.redirectUri)
    await fail("redirect_uri does not match the authorization request");
  if (grant.codeChallenge === null && verifier !== null) {
    await fail("code_verifier sent but the authorization request had no code_challenge");
  }
  if (grant.codeChallenge !== null) {
    if (verifier === null) await fail("code_verifier is required");
    if (!(await verifyPkce(grant.codeChallenge, verifier as string)))
      await fail("PKCE verification failed");
  }
  let resource: string[];
  try {
    resource = narrowedResources(requestedResources, grant.resource);
  } catch (error) {
    await ctx.store.endSession(session.id, "grant_refused", ctx.now);
    throw error;
  }
  const subject = await grantSubject(
    { ...ctx, issuerId: ctx.issuer.id },
    grant.userId,
    result.claims,
    { orgId: grant.orgId, policy: ctx.client.settings.organizations },
    { sid: session.id, jti: refreshJti },
  );
  if (!subject) return fail("the user is no longer active");
  const { user, organizations } = subject;
  const scope = parseScope(grant.scope);
  return issueUserTokens(
    ctx,
    {
      user,
      sid: session.id,
      scope,
      effectiveScope: scope,
      authTime: parent.authTime,
      amr: grant.amr ?? parent.amr,
      acr: grant.acr ?? null,
      nonce: grant.nonce,
      orgId: grant.orgId,
      resource,
      organizations,
    },
    {
      refresh: withRefresh ? { handle: refreshHandle } : null,
      firstIssue: true,
    },
  );
}

export const authorizationCode: GrantModule<GrantContext> = {
  grantType: "authorization_code",
  parameters: ["code", "redirect_uri", "code_verifier", "resource"],
  handler: authorizationCodeGrant,
};
