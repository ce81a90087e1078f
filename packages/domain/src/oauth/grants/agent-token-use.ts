import { eq, sql } from "drizzle-orm";
import { agentVerifiers, events } from "../../db/schema.ts";
import type { EventType } from "../../events/catalogue.ts";
import { buildEventRow } from "../../events/event.ts";
import type { AgentGrantContext } from "./grant-context.ts";

/**
 * Records that an agent's verifier minted a token: its use counted and one event written, in
 * one D1 batch, then relayed. Shared by the agent's client_credentials and token exchange.
 */
export async function recordAgentTokenUse(
  ctx: AgentGrantContext,
  agentId: string,
  verifierId: string,
  event: { type: EventType; data: Record<string, unknown> },
): Promise<void> {
  const mutation = ctx.events.context({ type: "agent", id: agentId });
  await ctx.db.batch([
    ctx.db
      .update(agentVerifiers)
      .set({ usageCount: sql`${agentVerifiers.usageCount} + 1`, lastUsedAt: ctx.now })
      .where(eq(agentVerifiers.id, verifierId)),
    ctx.db.insert(events).values(
      buildEventRow(mutation, {
        type: event.type,
        issuerId: ctx.issuer.id,
        subject: { type: "agent", id: agentId },
        data: event.data,
      }),
    ),
  ]);
  ctx.events.recorded();
}
