import { z } from "zod";
import { getAgent } from "../agents/manage-agents.ts";
import type { Db } from "../db/client.ts";
import { DomainError } from "../errors.ts";
import type { MutationContext } from "../events/event.ts";
import { getUser } from "../users/manage-users.ts";
import type { ConsentRow, ConsentView } from "./consent-wire.ts";
import { grantConsent } from "./manage-consents.ts";

/** The body of "let this agent act for the user" (docs/token-exchange.md). */
export const AllowAgentInput = z.strictObject({
  agent_id: z.string().regex(/^agt_[0-9a-f]{32}$/),
  scopes: z.array(z.string().min(1).max(200)).max(256).optional(),
});
export type AllowAgentInput = z.output<typeof AllowAgentInput>;

/** Whether a consent row is one given to an agent rather than a client (its key is `agt_…`). */
export function isAgentConsent(row: Pick<ConsentRow, "clientId">): boolean {
  return row.clientId.startsWith("agt_");
}

/**
 * Records that the user lets an agent act for them through token exchange (RFC 8693): a
 * consent row keyed by the agent id, scopes within the agent's own (all of them by default).
 * Withdrawn like any consent (`revokeConsent`), which stops later exchanges.
 */
export async function allowAgent(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  userId: string,
  input: AllowAgentInput,
): Promise<ConsentView> {
  const [, agent] = await Promise.all([
    getUser(db, issuerId, userId),
    getAgent(db, issuerId, input.agent_id),
  ]);
  const scopes = input.scopes ?? agent.scopes;
  const beyond = scopes.filter((scope) => !agent.scopes.includes(scope));
  if (beyond.length > 0) {
    throw new DomainError(
      "VALIDATION_FAILED",
      `scopes not allowed to the agent: ${beyond.join(" ")}`,
    );
  }
  const row = await grantConsent(db, ctx, issuerId, userId, agent.id, scopes);
  return { ...row, clientName: agent.name, clientLogoUrl: null };
}
