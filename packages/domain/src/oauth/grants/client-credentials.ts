import { isConfidential } from "../../clients/client-settings.ts";
import { clientGrantTypes } from "../../clients/client-wire.ts";
import { DomainError } from "../../errors.ts";
import { issueClientToken, type TokenResponse } from "../../tokens/issue-tokens.ts";
import type { RequestParams } from "../request-parameters.ts";
import { parseScope, unknownScopes } from "../scopes.ts";
import { type GrantContext, resourceParams } from "./grant-context.ts";
import type { GrantModule } from "./grant-module.ts";

/**
 * The client_credentials grant (RFC 6749 §4.4): confidential clients only, an access token and
 * nothing else. Without `scope` the client gets every scope it is allowed.
 */
async function clientCredentialsGrant(
  ctx: GrantContext,
  params: RequestParams,
): Promise<TokenResponse> {
  if (
    !isConfidential(ctx.client.type) ||
    !clientGrantTypes(ctx.client).includes("client_credentials")
  ) {
    throw new DomainError("UNAUTHORIZED_CLIENT", "this client may not use client_credentials");
  }
  const allowed = ctx.client.settings.scopes;
  const requested = params.get("scope");
  const scope = requested === null ? [...allowed] : parseScope(requested);
  const unknown = unknownScopes(scope, allowed);
  if (unknown.length > 0)
    throw new DomainError("INVALID_SCOPE", `scope not allowed: ${unknown.join(" ")}`);
  const resource = resourceParams(params);
  // The only store call of this grant: a proof's replay check (RFC 9449 §11.1), in its own shard.
  if (ctx.proof && !(await ctx.store.useDpopProof(ctx.proof.replay, ctx.now))) {
    throw new DomainError("INVALID_DPOP_PROOF", "the DPoP proof was already used");
  }
  return issueClientToken(ctx, scope, resource);
}

export const clientCredentials: GrantModule<GrantContext> = {
  grantType: "client_credentials",
  parameters: ["scope", "resource"],
  handler: clientCredentialsGrant,
};
