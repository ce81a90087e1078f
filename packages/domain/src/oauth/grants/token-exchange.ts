import { and, eq } from "drizzle-orm";
import { AGENT_TOKEN_TTL_S } from "../../agents/authenticate-agent.ts";
import { findConsent } from "../../consents/manage-consents.ts";
import { users } from "../../db/schema.ts";
import { DomainError } from "../../errors.ts";
import { audience, type TokenResponse } from "../../tokens/issue-tokens.ts";
import { newJti, signJwt } from "../../tokens/jwt.ts";
import type { RequestParams } from "../request-parameters.ts";
import { parseScope, unknownScopes } from "../scopes.ts";
import { inShard, shardOf } from "../shard-routing.ts";
import { recordAgentTokenUse } from "./agent-token-use.ts";
import { type AgentGrantContext, required, resourceParams } from "./grant-context.ts";
import type { GrantModule } from "./grant-module.ts";
import { ACCESS_TOKEN_TYPE, actClaim, readSubjectToken } from "./subject-token.ts";

export const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";

function onlyAccessTokens(params: RequestParams): void {
  if (required(params, "subject_token_type") !== ACCESS_TOKEN_TYPE)
    throw new DomainError("INVALID_REQUEST", `subject_token_type must be ${ACCESS_TOKEN_TYPE}`);
  const requested = params.get("requested_token_type");
  if (requested !== null && requested !== ACCESS_TOKEN_TYPE)
    throw new DomainError("INVALID_REQUEST", `requested_token_type must be ${ACCESS_TOKEN_TYPE}`);
  // The authenticated agent is the actor (RFC 8693 §2.1); a second one is not taken.
  if (params.get("actor_token") !== null || params.get("actor_token_type") !== null)
    throw new DomainError(
      "INVALID_REQUEST",
      "actor_token is not supported: the agent is the actor",
    );
}

/** The scope asked for (else all three allow), each value inside every bound. */
function exchangedScope(
  requested: string | null,
  bounds: { subject: string[]; agent: readonly string[]; consent: readonly string[] },
): string[] {
  const all = bounds.subject.filter((s) => bounds.agent.includes(s) && bounds.consent.includes(s));
  if (requested === null) return all;
  const scope = parseScope(requested);
  const checks = [
    ["the user's token", bounds.subject],
    ["the agent", bounds.agent],
    ["the user's consent", bounds.consent],
  ] as const;
  for (const [name, allowed] of checks) {
    const beyond = unknownScopes(scope, allowed);
    if (beyond.length > 0)
      throw new DomainError("INVALID_SCOPE", `scope beyond ${name}: ${beyond.join(" ")}`);
  }
  return scope;
}

/**
 * Token exchange (RFC 8693 §2) for an agent acting for a user: the agent authenticates as for
 * client_credentials and presents the user's access token; with the user's live consent it
 * gets an access token with `sub` = the user and `act` = the agent (§4.1), at most 5 minutes
 * and never past the subject token, no refresh token (docs/decisions/token-exchange.md).
 */
async function tokenExchangeGrant(
  ctx: AgentGrantContext,
  params: RequestParams,
): Promise<TokenResponse> {
  onlyAccessTokens(params);
  const { agent, verifier } = ctx;
  const subject = await readSubjectToken(ctx, required(params, "subject_token"));
  const [[user], consent] = await Promise.all([
    ctx.db
      .select({ status: users.status })
      .from(users)
      .where(and(eq(users.id, subject.userId), eq(users.issuerId, ctx.issuer.id)))
      .limit(1),
    findConsent(ctx.db, ctx.issuer.id, subject.userId, agent.id),
  ]);
  if (user?.status !== "active") throw new DomainError("INVALID_GRANT", "the user is not active");
  if (!consent) throw new DomainError("INVALID_GRANT", "the user has not allowed this agent");
  const scope = exchangedScope(params.get("scope"), {
    subject: parseScope(String(subject.claims.scope ?? "")),
    agent: agent.scopes,
    consent: consent.scopes,
  });
  const targets = [...resourceParams(params), ...params.getAll("audience")];
  const iat = Math.floor(ctx.now / 1000);
  const exp = Math.min(iat + AGENT_TOKEN_TTL_S, subject.exp);
  if (exp <= iat) throw new DomainError("INVALID_GRANT", "the subject token has expired");
  const sid = typeof subject.claims.sid === "string" ? subject.claims.sid : null;
  // In the shard of the user's session, where its revocation is kept (docs/decisions/sharding.md).
  const jti = sid ? inShard(newJti(), "token", shardOf(sid, "id")) : newJti();
  const { organizations, org_id } = subject.claims;
  const accessToken = await signJwt(
    ctx.ring,
    "ES256",
    {
      ...(organizations !== undefined ? { organizations } : {}),
      ...(typeof org_id === "string" ? { org_id } : {}),
      iss: ctx.issuerUrl,
      sub: subject.userId,
      aud: audience(targets, agent.id),
      exp,
      iat,
      jti,
      ...(sid ? { sid } : {}),
      client_id: agent.id,
      act: actClaim(agent.id, subject.claims.act),
      dat: { type: "identity" },
      scope: scope.join(" "),
    },
    "at+jwt",
  );
  await recordAgentTokenUse(ctx, agent.id, verifier.id, {
    type: "agent.token.exchanged",
    data: {
      agent_id: agent.id,
      user_id: subject.userId,
      verifier_id: verifier.id,
      scope: scope.join(" "),
      jti,
      subject_jti: subject.claims.jti,
    },
  });
  return {
    access_token: accessToken,
    issued_token_type: ACCESS_TOKEN_TYPE,
    token_type: "Bearer",
    expires_in: exp - iat,
    scope: scope.join(" "),
  };
}

export const tokenExchange: GrantModule<AgentGrantContext> = {
  grantType: TOKEN_EXCHANGE,
  parameters: [
    "subject_token",
    "subject_token_type",
    "requested_token_type",
    "actor_token",
    "actor_token_type",
    "scope",
    "resource",
    "audience",
  ],
  handler: tokenExchangeGrant,
};
