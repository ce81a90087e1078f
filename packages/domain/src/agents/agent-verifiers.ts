import { and, count, desc, eq } from "drizzle-orm";
import { newSecret } from "../api-keys/api-key-secret.ts";
import type { Db } from "../db/client.ts";
import { agentVerifiers, events } from "../db/schema.ts";
import { DomainError, notFound } from "../errors.ts";
import type { MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import type { CreateVerifierInput } from "./agent-input.ts";
import type { AgentVerifierRow } from "./agent-wire.ts";
import { agentEvent, getAgent } from "./manage-agents.ts";

/** At most 20 verifiers per agent (docs/decisions/wire-contract.md §3). */
export const MAX_VERIFIERS_PER_AGENT = 20;

/** Secrets of agent verifiers start with this, so scanners can spot a leaked one. */
export const AGENT_SECRET_PREFIX = "ags_";

export async function listVerifiers(
  db: Db,
  issuerId: string,
  agentId: string,
): Promise<AgentVerifierRow[]> {
  await getAgent(db, issuerId, agentId);
  return db
    .select()
    .from(agentVerifiers)
    .where(eq(agentVerifiers.agentId, agentId))
    .orderBy(desc(agentVerifiers.id));
}

/**
 * Adds a verifier. A `secret` verifier's secret is generated here, returned once and kept as
 * SHA-256; a `wallet` verifier records a CAIP-10 account (AuthPI checks no signatures).
 */
export async function addVerifier(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  agentId: string,
  input: CreateVerifierInput,
): Promise<{ verifier: AgentVerifierRow; secret: string | null }> {
  const agent = await getAgent(db, issuerId, agentId);
  const [existing] = await db
    .select({ n: count() })
    .from(agentVerifiers)
    .where(eq(agentVerifiers.agentId, agentId));
  if ((existing?.n ?? 0) >= MAX_VERIFIERS_PER_AGENT) {
    throw new DomainError("CONFLICT", `an agent has at most ${MAX_VERIFIERS_PER_AGENT} verifiers`);
  }
  const secret = input.type === "secret" ? await newSecret(AGENT_SECRET_PREFIX) : null;
  const credential =
    input.type === "wallet"
      ? walletCredential(input.address)
      : { hint: secret?.hint ?? null, algorithm: "sha256" };
  const verifier: AgentVerifierRow = {
    id: newId("verifier", ctx.now),
    agentId,
    issuerId,
    type: input.type,
    status: "active",
    name: input.name ?? null,
    description: input.description ?? null,
    secretHash: secret?.hash ?? null,
    credential,
    usageCount: 0,
    lastUsedAt: null,
    createdAt: ctx.now,
    updatedAt: null,
  };
  await db.batch([
    db.insert(agentVerifiers).values(verifier),
    db.insert(events).values(
      agentEvent(ctx, "agent.verifier.added", agent, {
        verifier_id: verifier.id,
        verifier_type: verifier.type,
      }),
    ),
  ]);
  return { verifier, secret: secret?.plain ?? null };
}

function walletCredential(address: string) {
  const [namespace, reference, account] = address.split(":");
  return { address, chain_id: `${namespace}:${reference}`, account };
}

export async function removeVerifier(
  db: Db,
  ctx: MutationContext,
  issuerId: string,
  agentId: string,
  verifierId: string,
): Promise<void> {
  const agent = await getAgent(db, issuerId, agentId);
  const verifier = await db.query.agentVerifiers.findFirst({
    where: and(eq(agentVerifiers.id, verifierId), eq(agentVerifiers.agentId, agentId)),
  });
  if (!verifier) throw notFound("Verifier");
  await db.batch([
    db.delete(agentVerifiers).where(eq(agentVerifiers.id, verifierId)),
    db.insert(events).values(
      agentEvent(ctx, "agent.verifier.removed", agent, {
        verifier_id: verifier.id,
        verifier_type: verifier.type,
      }),
    ),
  ]);
}
