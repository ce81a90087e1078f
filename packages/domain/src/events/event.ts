import type { events } from "../db/schema.ts";
import { newId } from "../ids.ts";
import type { EventActor, EventRequest } from "../values/event-parts.ts";
import type { EventType } from "./catalogue.ts";

export type { ActorType, EventActor, EventRequest } from "../values/event-parts.ts";

export interface EventSubject {
  type: string;
  id: string;
}

/** Who did a change, for whom and from where: every mutation receives one. */
export interface MutationContext {
  now: number;
  accountId: string;
  actor: EventActor;
  request?: EventRequest | undefined;
  /** `core-api` or `idp-api`: the `source` of the events this change records. */
  source: "core-api" | "idp-api" | "webhook-dispatcher";
}

export interface NewEvent {
  type: EventType;
  issuerId?: string | null;
  subject: EventSubject;
  data?: Record<string, unknown>;
}

export type EventRow = typeof events.$inferSelect;

/** The event row that goes into the same D1 batch as the change it records. */
export function buildEventRow(ctx: MutationContext, event: NewEvent): typeof events.$inferInsert {
  return {
    id: newId("event", ctx.now),
    accountId: ctx.accountId,
    issuerId: event.issuerId ?? null,
    type: event.type,
    source: ctx.source,
    occurredAt: ctx.now,
    subjectType: event.subject.type,
    subjectId: event.subject.id,
    actor: ctx.actor,
    actorId: ctx.actor.id,
    request: ctx.request ?? null,
    data: event.data ?? {},
  };
}

/** An event as the Core API returns it and webhooks deliver it. */
export interface WireEvent {
  id: string;
  spec: "1.0";
  type: string;
  source: string;
  timestamp: number;
  occurred_at: number;
  account_id: string;
  issuer_id: string | null;
  subject: EventSubject;
  actor: EventActor;
  auth: EventActor;
  request: EventRequest | null;
  trace: string | null;
  data: Record<string, unknown>;
}

export function eventToWire(row: EventRow): WireEvent {
  return {
    id: row.id,
    spec: "1.0",
    type: row.type,
    source: `authpi-edge/${row.source}`,
    timestamp: row.occurredAt,
    occurred_at: row.occurredAt,
    account_id: row.accountId,
    issuer_id: row.issuerId,
    subject: { type: row.subjectType, id: row.subjectId },
    actor: row.actor,
    auth: row.actor,
    request: row.request ?? null,
    trace: row.request?.request_id ?? null,
    data: row.data,
  };
}
