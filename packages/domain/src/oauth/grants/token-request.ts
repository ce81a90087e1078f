import { DomainError } from "../../errors.ts";
import type { TokenResponse } from "../../tokens/issue-tokens.ts";
import { tokenDpopProof } from "../dpop/dpop-request.ts";
import { onlyParameters, type RequestParams } from "../request-parameters.ts";
import { agentClientCredentials } from "./agent-client-credentials.ts";
import { authorizationCode } from "./authorization-code.ts";
import { clientCredentials } from "./client-credentials.ts";
import { deviceCode } from "./device-code.ts";
import type {
  AgentGrantContext,
  GrantContext,
  TokenCaller,
  TokenEndpointContext,
} from "./grant-context.ts";
import type { GrantModule } from "./grant-module.ts";
import { refreshToken } from "./refresh-token.ts";
import { tokenExchange } from "./token-exchange.ts";

/** The grants of each kind of caller, by `grant_type`: a new grant is one module and one line. */
const CLIENT_GRANTS = grantTable<GrantContext>([
  authorizationCode,
  refreshToken,
  clientCredentials,
  deviceCode,
]);
const AGENT_GRANTS = grantTable<AgentGrantContext>([agentClientCredentials, tokenExchange]);

const SUPPORTED = new Set([...CLIENT_GRANTS.keys(), ...AGENT_GRANTS.keys()]);

/** The `grant_type` values the token endpoint answers, for discovery and tests. */
export const supportedGrantTypes: readonly string[] = [...SUPPORTED];

/**
 * Runs a token request (RFC 6749 §3.2) through the grant its `grant_type` names:
 * `unsupported_grant_type` for a type no grant answers, `unauthorized_client` for one this
 * kind of caller may not use (RFC 6749 §5.2). The grant sees only the parameters it declares.
 */
export async function tokenRequest(
  deps: TokenEndpointContext,
  caller: TokenCaller,
  params: RequestParams,
): Promise<TokenResponse> {
  const grantType = params.get("grant_type");
  if (!grantType) throw new DomainError("INVALID_REQUEST", "grant_type is required");
  if (!SUPPORTED.has(grantType)) {
    throw new DomainError("UNSUPPORTED_GRANT_TYPE", `grant_type ${grantType} is not supported`);
  }
  if (caller.type === "agent") {
    // Agents' tokens stay Bearer tokens (docs/decisions/dpop.md): a proof is refused, not ignored.
    if (deps.dpop?.header) {
      throw new DomainError("INVALID_DPOP_PROOF", "DPoP is not available for agent grants");
    }
    const { agent, verifier } = caller;
    return runGrant(AGENT_GRANTS, grantType, { ...deps, agent, verifier }, params);
  }
  const proof = await tokenDpopProof(deps.dpop, deps.issuer, caller.client, deps.now);
  return runGrant(CLIENT_GRANTS, grantType, { ...deps, client: caller.client, proof }, params);
}

function runGrant<Context>(
  table: ReadonlyMap<string, GrantModule<Context>>,
  grantType: string,
  ctx: Context,
  params: RequestParams,
): Promise<TokenResponse> {
  const grant = table.get(grantType);
  if (!grant) {
    throw new DomainError("UNAUTHORIZED_CLIENT", `this client may not use ${grantType}`);
  }
  return grant.handler(ctx, onlyParameters(params, grant.parameters));
}

function grantTable<Context>(
  grants: readonly GrantModule<Context>[],
): ReadonlyMap<string, GrantModule<Context>> {
  return new Map(grants.map((grant) => [grant.grantType, grant]));
}
