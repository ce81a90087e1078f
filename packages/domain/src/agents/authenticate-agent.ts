import { and, eq } from "drizzle-orm";
import { sha256Hex, timingSafeEqual } from "../crypto/hash.ts";
import type { Db } from "../db/client.ts";
import { agents, agentVerifiers } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
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
