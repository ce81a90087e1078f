import type { agents, agentVerifiers } from "../db/schema.ts";

export type AgentRow = typeof agents.$inferSelect;
export type AgentVerifierRow = typeof agentVerifiers.$inferSelect;

/** The agent in the `authpi-admin` `Agent` shape, with the kinds of verifier it has. */
export function agentToWire(row: AgentRow, verifierTypes: string[] = []) {
  return {
    id: row.id,
    issuer_id: row.issuerId,
    name: row.name,
    description: row.description,
    model: row.model,
    provider: row.provider,
    version: row.version,
    status: row.status,
    status_at: row.statusAt,
    status_reason: row.statusReason,
    scopes: row.scopes,
    verifiers: [...new Set(verifierTypes)].sort(),
    metadata: row.metadata,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/** A verifier without its secret hash. */
export function verifierToWire(row: AgentVerifierRow) {
  return {
    id: row.id,
    agent_id: row.agentId,
    type: row.type,
    status: row.status,
    name: row.name,
    description: row.description,
    credential: row.credential,
    usage_count: row.usageCount,
    last_used_at: row.lastUsedAt,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}
