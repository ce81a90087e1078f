import { AGENT_TOKEN_TTL_S } from "../../agents/authenticate-agent.ts";
import { DomainError } from "../../errors.ts";
import type { TokenResponse } from "../../tokens/issue-tokens.ts";
import { audience } from "../../tokens/issue-tokens.ts";
import { newJti, signJwt } from "../../tokens/jwt.ts";
import { membershipsQuery, toOrganizationsClaim } from "../../tokens/organizations-claim.ts";
import type { RequestParams } from "../request-parameters.ts";
import { parseScope, unknownScopes } from "../scopes.ts";
import { recordAgentTokenUse } from "./agent-token-use.ts";
import { type AgentGrantContext, resourceParams } from "./grant-context.ts";
import type { GrantModule } from "./grant-module.ts";

/**
 * The client_credentials grant (RFC 6749 §4.4) for an agent (`client_id=agt_…`): a 5-minute
 * access token with `sub` = the agent, `dat.type` = `agent`, scopes within the agent's own,
 * and its organizations. Records `machine.token.issued` and counts the verifier's use.
 */
async function agentClientCredentialsGrant(
  ctx: AgentGrantContext,
  params: RequestParams,
): Promise<TokenResponse> {
  const { agent, verifier } = ctx;
  const requested = params.get("scope");
  const scope = requested === null ? [...agent.scopes] : parseScope(requested);
  const unknown = unknownScopes(scope, agent.scopes);
  if (unknown.length > 0)
    throw new DomainError("INVALID_SCOPE", `scope not allowed: ${unknown.join(" ")}`);
  const resource = resourceParams(params);
  const memberships = await membershipsQuery(ctx.db, ctx.issuer.id, agent.id);
  const organizations = toOrganizationsClaim(memberships, {
    orgId: null,
    policy: { mode: "all", allowlist: [] },
  });
  const iat = Math.floor(ctx.now / 1000);
  const jti = newJti();
  const accessToken = await signJwt(
    ctx.ring,
    "ES256",
    {
      ...(organizations.length > 0 ? { organizations } : {}),
      iss: ctx.issuerUrl,
      sub: agent.id,
      aud: audience(resource, agent.id),
      exp: iat + AGENT_TOKEN_TTL_S,
      iat,
      jti,
      client_id: agent.id,
      dat: { type: "agent" },
      scope: scope.join(" "),
    },
    "at+jwt",
  );
  await recordAgentTokenUse(ctx, agent.id, verifier.id, {
    type: "machine.token.issued",
    data: { agent_id: agent.id, verifier_id: verifier.id, scope: scope.join(" "), jti },
  });
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: AGENT_TOKEN_TTL_S,
    scope: scope.join(" "),
  };
}

export const agentClientCredentials: GrantModule<AgentGrantContext> = {
  grantType: "client_credentials",
  parameters: ["scope", "resource"],
  handler: agentClientCredentialsGrant,
};
