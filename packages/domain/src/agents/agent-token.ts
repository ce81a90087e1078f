import { and, eq, sql } from "drizzle-orm";
import { sha256Hex, timingSafeEqual } from "../crypto/hash.ts";
import type { Db } from "../db/client.ts";
import { agents, agentVerifiers, events } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import type { IssuerRow } from "../issuers/issuer-wire.ts";
import { type RequestParams, resourceParams } from "../oauth/grants/grant-context.ts";
import { parseScope, unknownScopes } from "../oauth/scopes.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import type { TokenResponse } from "../tokens/issue-tokens.ts";
import { audience } from "../tokens/issue-tokens.ts";
import { newJti, signJwt } from "../tokens/jwt.ts";
import { membershipsQuery, toOrganizationsClaim } from "../tokens/organizations-claim.ts";
import type { AgentRow, AgentVerifierRow } from "./agent-wire.ts";

/** Agent access tokens last five minutes, always, and come without a refresh token. */
export const AGENT_TOKEN_TTL_S = 300;

const FAILED = "Client authentication failed";

export function isAgentId(clientId: string | null | undefined): boolean {
  return typeof clientId === "string" && clientId.startsWith("agt_");
}

/**
 * Authenticates an agent by one of its active secret verifiers (SHA-256, compared in constant
 * time). An unknown, suspended or blocked agent fails like a wrong secret.
 */
export async function authenticateAgent(
  db: Db,
  issuerId: string,
  presented: { clientId: string; secret: string | null },
): Promise<{ agent: AgentRow; verifier: AgentVerifierRow }> {
  if (!presented.secret) throw new DomainError("INVALID_CLIENT", FAILED);
  const hash = await sha256Hex(presented.secret);
  const [[agent], verifiers] = await db.batch([
    db
      .select()
      .from(agents)
      .where(and(eq(agents.id, presented.clientId), eq(agents.issuerId, issuerId)))
      .limit(1),
    db
      .select()
      .from(agentVerifiers)
      .where(
        and(
          eq(agentVerifiers.agentId, presented.clientId),
          eq(agentVerifiers.issuerId, issuerId),
          eq(agentVerifiers.type, "secret"),
          eq(agentVerifiers.status, "active"),
        ),
      ),
  ]);
  const verifier = verifiers.find((v) => v.secretHash && timingSafeEqual(hash, v.secretHash));
  if (agent?.status !== "active" || !verifier) {
    throw new DomainError("INVALID_CLIENT", FAILED);
  }
  return { agent, verifier };
}

export interface AgentGrantContext {
  db: Db;
  ring: KeyRing;
  issuer: IssuerRow;
  issuerUrl: string;
  ctx: MutationContext;
}

/**
 * The client_credentials grant for an agent (`client_id=agt_…`): a 5-minute access token with
 * `sub` = the agent, `dat.type` = `agent`, scopes within the agent's own, and its organizations.
 * Records `machine.token.issued` with `agent_id` and counts the verifier's use.
 */
export async function agentTokenRequest(
  deps: AgentGrantContext,
  auth: { agent: AgentRow; verifier: AgentVerifierRow },
  params: RequestParams,
): Promise<TokenResponse> {
  const grantType = params.get("grant_type");
  if (!grantType) throw new DomainError("INVALID_REQUEST", "grant_type is required");
  if (grantType !== "client_credentials") {
    throw new DomainError("UNAUTHORIZED_CLIENT", "agents use the client_credentials grant only");
  }
  const { agent, verifier } = auth;
  const requested = params.get("scope");
  const scope = requested === null ? [...agent.scopes] : parseScope(requested);
  const unknown = unknownScopes(scope, agent.scopes);
  if (unknown.length > 0)
    throw new DomainError("INVALID_SCOPE", `scope not allowed: ${unknown.join(" ")}`);
  const resource = resourceParams(params);
  const memberships = await membershipsQuery(deps.db, deps.issuer.id, agent.id);
  const organizations = toOrganizationsClaim(memberships, {
    orgId: null,
    policy: { mode: "all", allowlist: [] },
  });
  const iat = Math.floor(deps.ctx.now / 1000);
  const jti = newJti();
  const accessToken = await signJwt(
    deps.ring,
    "ES256",
    {
      ...(organizations.length > 0 ? { organizations } : {}),
      iss: deps.issuerUrl,
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
  await deps.db.batch([
    deps.db
      .update(agentVerifiers)
      .set({ usageCount: sql`${agentVerifiers.usageCount} + 1`, lastUsedAt: deps.ctx.now })
      .where(eq(agentVerifiers.id, verifier.id)),
    deps.db.insert(events).values(
      buildEventRow(deps.ctx, {
        type: "machine.token.issued",
        issuerId: deps.issuer.id,
        subject: { type: "agent", id: agent.id },
        data: { agent_id: agent.id, verifier_id: verifier.id, scope: scope.join(" "), jti },
      }),
    ),
  ]);
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: AGENT_TOKEN_TTL_S,
    scope: scope.join(" "),
  };
}
