import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { EventActor, EventRequest } from "../../values/event-parts.ts";
import { json, ms } from "./columns.ts";

/**
 * The audit trail and the transactional outbox in one table: a row is written in the same D1
 * batch as the change it records; `queued_at` is set once the relay hands it to the Queue.
 */
export const events = sqliteTable(
  "events",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id"),
    type: text("type").notNull(),
    /** The worker that recorded it: `core-api`, `idp-api` or `webhook-dispatcher`. */
    source: text("source").notNull(),
    occurredAt: ms("occurred_at").notNull(),
    subjectType: text("subject_type").notNull(),
    subjectId: text("subject_id").notNull(),
    actor: json<EventActor>("actor").notNull(),
    actorId: text("actor_id"),
    request: json<EventRequest>("request"),
    data: json<Record<string, unknown>>("data").notNull().default({}),
    queuedAt: ms("queued_at"),
    dispatchedAt: ms("dispatched_at"),
  },
  (t) => [
    index("events_account_idx").on(t.accountId, t.id),
    index("events_outbox_idx").on(t.queuedAt, t.id),
  ],
);
