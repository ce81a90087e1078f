import { eq } from "drizzle-orm";
import { z } from "zod";
import { secretMatches } from "../api-keys/api-key-secret.ts";
import { findClient } from "../clients/find-client.ts";
import { findConsent } from "../consents/manage-consents.ts";
import type { Db } from "../db/client.ts";
import { apiKeys } from "../db/schema.ts";
import { introspectedType } from "../oauth/introspection.ts";
import type { IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import { inspectToken } from "../oauth/token-inspection.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { getUser } from "../users/manage-users.ts";
import { checkPersonalToken } from "./personal-token-jwt.ts";

export const IntrospectTokenInput = z.strictObject({
  token: z.string().min(1).max(8192),
  /** End-user IP for an API key's allowlist; keys here carry none yet, so it never refuses. */
  ip: z.string().max(64).optional(),
});

export interface IntrospectDeps {
  db: Db;
  ring: KeyRing;
  store: IssuerStoreRpc;
  issuerId: string;
  issuerUrl: string;
  now: number;
}

type Answer = Record<string, unknown> & { active: boolean };
const inactive = (reason: string): Answer => ({ active: false, reason });

const IDP_CLAIMS = [
  "sub",
  "client_id",
  "scope",
  "aud",
  "iss",
  "exp",
  "iat",
  "jti",
  "sid",
  "dat",
  "act",
  // RFC 9449 §6.2: the key a DPoP-bound token confirms.
  "cnf",
];

async function userActive(deps: IntrospectDeps, userId: string): Promise<boolean> {
  const user = await getUser(deps.db, deps.issuerId, userId).catch(() => null);
  return user?.status === "active";
}

async function personalToken(deps: IntrospectDeps, token: string): Promise<Answer> {
  const checked = await checkPersonalToken(deps, token);
  if (checked.status !== "active") return inactive(checked.status);
  const { record, claims } = checked;
  if (!(await userActive(deps, record.userId))) return inactive("user_inactive");
  return {
    active: true,
    token_type: "personal_token",
    id: record.id,
    name: record.name,
    sub: record.userId,
    user_id: record.userId,
    issuer_id: deps.issuerId,
    scope: record.scopes.join(" "),
    scopes: record.scopes,
    aud: claims.aud,
    iat: claims.iat,
    exp: claims.exp,
    jti: record.jti,
  };
}

/** `key_<id>:<secret>`: an API key of one of this issuer's organizations. */
async function apiKey(deps: IntrospectDeps, token: string): Promise<Answer> {
  const colon = token.indexOf(":");
  const key = await deps.db.query.apiKeys.findFirst({
    where: eq(apiKeys.id, token.slice(0, colon)),
  });
  const ok = await secretMatches(
    token.slice(colon + 1),
    {
      hash: key?.secretHash ?? "0".repeat(64),
      previousHash: key?.previousSecretHash,
      previousExpiresAt: key?.previousSecretExpiresAt,
    },
    deps.now,
  );
  if (!key || !ok || key.issuerId !== deps.issuerId) return inactive("not_found");
  if (key.status !== "active") return inactive(key.status);
  if (key.expiresAt !== null && key.expiresAt <= deps.now) return inactive("expired");
  return {
    active: true,
    token_type: "api_key",
    id: key.id,
    name: key.name,
    org_id: key.orgId,
    issuer_id: deps.issuerId,
    scope: key.scopes.join(" "),
    scopes: key.scopes,
    exp: key.expiresAt === null ? null : Math.floor(key.expiresAt / 1000),
  };
}

/** An access or refresh token this issuer signed, live in its Durable Object. */
async function idpToken(deps: IntrospectDeps, token: string): Promise<Answer> {
  const inspected = await inspectToken(deps, token);
  if (!inspected) return inactive("invalid");
  const clientId = inspected.claims.client_id;
  // A deleted or disabled client's tokens stop here as they do at the IdP (agents' run out).
  if (clientId.startsWith("c_")) {
    const client = await findClient(deps.db, deps.issuerId, clientId);
    if (client?.status !== "active") return inactive("client_inactive");
  }
  // An agent's exchanged token stops with the user's consent (docs/token-exchange.md).
  if (clientId.startsWith("agt_") && inspected.claims.act !== undefined) {
    const sub = String(inspected.claims.sub);
    if (!(await findConsent(deps.db, deps.issuerId, sub, clientId))) {
      return inactive("consent_revoked");
    }
  }
  const answer: Answer = {
    active: true,
    token_type: introspectedType(inspected.kind, inspected.claims),
  };
  for (const claim of IDP_CLAIMS) {
    if (inspected.claims[claim] !== undefined) answer[claim] = inspected.claims[claim];
  }
  return answer;
}

/**
 * Core API introspection for the account's backends: an API key (`key_…:secret`), a personal
 * token (`ptk_…`) or one of the IdP's access and refresh tokens of this issuer. Active or not
 * is the truth at `now`; an inactive answer says why (`reason`).
 */
export function introspectForIssuer(
  deps: IntrospectDeps,
  input: z.output<typeof IntrospectTokenInput>,
): Promise<Answer> {
  if (input.token.startsWith("ptk_")) return personalToken(deps, input.token);
  if (/^key_[0-9a-f]{32}:./.test(input.token)) return apiKey(deps, input.token);
  return idpToken(deps, input.token);
}
