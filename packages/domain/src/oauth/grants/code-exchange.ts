import { isConfidential } from "../../clients/client-settings.ts";
import { clientGrantTypes } from "../../clients/client-wire.ts";
import { DomainError } from "../../errors.ts";
import { newId } from "../../ids.ts";
import { issueUserTokens, refreshTokenTtl, type TokenResponse } from "../../tokens/issue-tokens.ts";
import { newRefreshHandle, refreshHandleKey } from "../../tokens/refresh-handle.ts";
import type { CodeGrant } from "../issuer-store-contract.ts";
import { parseScope } from "../scopes.ts";
import { inShard, shardOf } from "../shard-routing.ts";
import { type GrantContext, narrowedResources } from "./grant-context.ts";
import { grantSubject } from "./load-grant-user.ts";

export const INVALID_CODE = "The authorization code is invalid, expired or already used";

/**
 * Redeems a stored authorization code once (RFC 6749 §4.1.3): the store opens the rp session
 * (with a refresh handle when the client has refresh_token) in the code's shard; `check` may
 * refuse the grant with a message, which revokes that session again. Then the tokens.
 */
export async function exchangeCode(
  ctx: GrantContext,
  codeHash: string,
  check: (grant: CodeGrant) => Promise<string | null>,
  /** The `resource`s the request asks for (RFC 8707 §2.2), each within the grant; none: all. */
  requestedResources: readonly string[] = [],
): Promise<TokenResponse> {
  const withRefresh = clientGrantTypes(ctx.client).includes("refresh_token");
  // The rp session and its refresh handle join the code's shard (docs/decisions/sharding.md).
  const shard = shardOf(codeHash, "token");
  const sessionId = inShard(newId("session", ctx.now), "id", shard);
  const refreshHandle = newRefreshHandle(sessionId);
  const refreshExpiresAt = ctx.now + refreshTokenTtl(ctx.issuer, ctx.client) * 1000;
  const refreshJti = await refreshHandleKey(refreshHandle);
  // RFC 9449 §5: a public client's refresh family is bound to the key of its proof.
  const dpopJkt = ctx.proof && !isConfidential(ctx.client.type) ? ctx.proof.jkt : null;
  const result = await ctx.store.redeemCode(
    codeHash,
    ctx.client.id,
    { id: sessionId, clientId: ctx.client.id, refreshJti, refreshExpiresAt, dpopJkt },
    ctx.now,
    ...(ctx.proof ? [ctx.proof.replay] : []),
  );
  if (result.status === "dpop_replayed") {
    throw new DomainError("INVALID_DPOP_PROOF", "the DPoP proof was already used");
  }
  if (result.status !== "ok") throw new DomainError("INVALID_GRANT", INVALID_CODE);
  const { grant, session, parent } = result;
  const fail = async (message: string): Promise<never> => {
    await ctx.store.endSession(session.id, "grant_refused", ctx.now);
    throw new DomainError("INVALID_GRANT", message);
  };
  // RFC 9449 §10: a code asked for with `dpop_jkt` is redeemed only with a proof of that key.
  if (grant.dpopJkt && grant.dpopJkt !== ctx.proof?.jkt) {
    await fail("the DPoP proof's key does not match the authorization request's dpop_jkt");
  }
  const refused = await check(grant);
  if (refused !== null) await fail(refused);
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
