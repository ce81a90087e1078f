import { and, desc, eq, exists, lt, not } from "drizzle-orm";
import { inList } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { agents, agentVerifiers, events, memberships } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { checkIfMatch, etagOf, nextUpdatedAt } from "../etag.ts";
import type { EventType } from "../events/catalogue.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { type Page, toPage } from "../pagination.ts";
import type { AgentFilters, CreateAgentInput, UpdateAgentInput } from "./agent-input.ts";
import { type AgentRow, agentToWire } from "./agent-wire.ts";

export function agentEvent(
  ctx: MutationContext,
  type: EventType,
  agent: AgentRow,
  data: Record<string, unknown> = {},
) {
  return buildEventRow(ctx, {
    type,
    issuerId: agent.issuerId,
    subject: { type: "agent", id: agent.id },
    data: {
      agent_id: agent.id,
      name: agent.name,
      model: agent.model,
      provider: agent.provider,
      ...data,
    },
  });
}

export async function createAgent(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  input: CreateAgentInput,
): Promise<AgentRow> {
  const row: AgentRow = {
    id: newId("agent", ctx.now),
    accountId: ctx.accountId,
    issuerId,
    name: input.name,
    description: input.description ?? null,
    model: input.model ?? null,
    provider: input.provider ?? null,
    version: input.version ?? null,
    status: "active",
    statusAt: ctx.now,
    statusReason: null,
    statusBy: null,
    scopes: [...new Set(input.scopes)],
    metadata: input.metadata ?? {},
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.insert(agents).values(row),
    db.insert(events).values(agentEvent(ctx, "agent.created", row, { scopes: row.scopes })),
  ]);
  return row;
}

export async function getAgent(db: Db, issuerId: string, agentId: string): Promise<AgentRow> {
  const row = await db.query.agents.findFirst({
    where: and(eq(agents.id, agentId), eq(agents.issuerId, issuerId)),
  });
  if (!row) throw notFound("Agent");
  return row;
}

/** The kinds of active verifier each agent has, for `verifiers` in listings. */
export async function verifierTypesOf(db: Db, agentIds: string[]): Promise<Map<string, string[]>> {
  const types = new Map<string, string[]>();
  if (agentIds.length === 0) return types;
  const rows = await db
    .select({ agentId: agentVerifiers.agentId, type: agentVerifiers.type })
    .from(agentVerifiers)
    .where(and(inList(agentVerifiers.agentId, agentIds), eq(agentVerifiers.status, "active")));
  for (const row of rows) types.set(row.agentId, [...(types.get(row.agentId) ?? []), row.type]);
  return types;
}

export async function listAgents(
  db: Db,
  issuerId: string,
  filters: AgentFilters,
): Promise<Page<ReturnType<typeof agentToWire>>> {
  const hasVerifier = exists(
    db
      .select({ id: agentVerifiers.id })
      .from(agentVerifiers)
      .where(and(eq(agentVerifiers.agentId, agents.id), eq(agentVerifiers.status, "active"))),
  );
  const rows = await db
    .select()
    .from(agents)
    .where(
      and(
        eq(agents.issuerId, issuerId),
        filters.status ? eq(agents.status, filters.status) : undefined,
        filters.model ? eq(agents.model, filters.model) : undefined,
        filters.provider ? eq(agents.provider, filters.provider) : undefined,
        filters.has_verifiers === undefined
          ? undefined
          : filters.has_verifiers
            ? hasVerifier
            : not(hasVerifier),
        filters.cursor ? lt(agents.id, filters.cursor) : undefined,
      ),
    )
    .orderBy(desc(agents.id))
    .limit(filters.limit + 1);
  const types = await verifierTypesOf(
    db,
    rows.slice(0, filters.limit).map((r) => r.id),
  );
  return toPage(
    rows,
    filters.limit,
    (r) => r.id,
    (r) => agentToWire(r, types.get(r.id)),
  );
}

export async function updateAgent(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  agentId: string,
  input: UpdateAgentInput,
  ifMatch?: string | null,
): Promise<AgentRow> {
  const current = await getAgent(db, issuerId, agentId);
  checkIfMatch(ifMatch, etagOf(current));
  const statusChanged = input.status !== undefined && input.status !== current.status;
  const keep = <T>(value: T | undefined, old: T) => (value !== undefined ? value : old);
  const next: AgentRow = {
    ...current,
    name: input.name ?? current.name,
    description: keep(input.description, current.description),
    model: keep(input.model, current.model),
    provider: keep(input.provider, current.provider),
    version: keep(input.version, current.version),
    scopes: input.scopes ? [...new Set(input.scopes)] : current.scopes,
    status: input.status ?? current.status,
    statusAt: statusChanged ? ctx.now : current.statusAt,
    statusReason: statusChanged ? (input.status_reason ?? null) : current.statusReason,
    statusBy: statusChanged ? ctx.actor.id : current.statusBy,
    metadata: input.metadata ?? current.metadata,
    updatedAt: nextUpdatedAt(current, ctx.now),
  };
  await db.batch([
    db.update(agents).set(next).where(eq(agents.id, agentId)),
    db.insert(events).values(
      agentEvent(ctx, "agent.updated", next, {
        status: next.status,
        changed: Object.keys(input),
      }),
    ),
  ]);
  return next;
}

/** Deletes an agent with its verifiers and memberships; its live tokens lapse within 5 min. */
export async function deleteAgent(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  agentId: string,
  ifMatch?: string | null,
): Promise<void> {
  const current = await getAgent(db, issuerId, agentId);
  checkIfMatch(ifMatch, etagOf(current));
  await db.batch([
    db.delete(agentVerifiers).where(eq(agentVerifiers.agentId, agentId)),
    db
      .delete(memberships)
      .where(and(eq(memberships.memberId, agentId), eq(memberships.issuerId, issuerId))),
    db.delete(agents).where(eq(agents.id, agentId)),
    db.insert(events).values(agentEvent(ctx, "agent.deleted", current)),
  ]);
}
