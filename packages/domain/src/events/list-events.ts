import { and, desc, eq, gte, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { inList } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { ListQuery, type Page, toPage } from "../pagination.ts";
import { eventToWire, type WireEvent } from "./event.ts";

const Ms = z.coerce.number().int().min(0);

/** The audit-trail filters of `GET /events` (docs/decisions/wire-contract.md §3) plus subject and actor. */
export const EventFilters = ListQuery.extend({
  issuer_id: z.string().max(100).optional(),
  user_id: z.string().max(100).optional(),
  // A URL client id (a metadata-document client) may be up to 512 characters.
  client_id: z.string().max(512).optional(),
  /** Comma-separated exact types or `prefix.*` patterns. */
  event_types: z.string().max(2000).optional(),
  subject_id: z.string().max(100).optional(),
  actor_id: z.string().max(100).optional(),
  after: Ms.optional(),
  before: Ms.optional(),
});
export type EventFilters = z.output<typeof EventFilters>;

function typeCondition(value: string): SQL | undefined {
  const patterns = value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  const exact = patterns.filter((p) => !p.endsWith(".*"));
  const prefixes = patterns.filter((p) => p.endsWith(".*")).map((p) => p.slice(0, -1));
  const exactTypes = exact.length > 0 ? inList(events.type, exact) : undefined;
  // One bound parameter for any number of prefixes; compared literally, not as LIKE patterns.
  const prefixed =
    prefixes.length > 0
      ? sql`EXISTS (SELECT 1 FROM json_each(${JSON.stringify(prefixes)}) AS p
          WHERE substr(${events.type}, 1, length(p.value)) = p.value)`
      : undefined;
  return exactTypes || prefixed ? or(exactTypes, prefixed) : undefined;
}

/**
 * Someone appears in an event as its subject, its actor, or the `user_id`/`client_id` its data
 * names (a session's user, the client a sign-in was for).
 */
const involves = (id: string, dataKey: "user_id" | "client_id") =>
  or(
    eq(events.subjectId, id),
    eq(events.actorId, id),
    sql`json_extract(${events.data}, ${`$.${dataKey}`}) = ${id}`,
  );

/** The WHERE of the filters `GET /events` and `GET /events/aggregate` share, in one account. */
export function eventConditions(
  accountId: string,
  filters: Omit<EventFilters, "limit" | "cursor">,
): SQL | undefined {
  return and(
    eq(events.accountId, accountId),
    filters.issuer_id ? eq(events.issuerId, filters.issuer_id) : undefined,
    filters.user_id ? involves(filters.user_id, "user_id") : undefined,
    filters.client_id ? involves(filters.client_id, "client_id") : undefined,
    filters.event_types ? typeCondition(filters.event_types) : undefined,
    filters.subject_id ? eq(events.subjectId, filters.subject_id) : undefined,
    filters.actor_id ? eq(events.actorId, filters.actor_id) : undefined,
    filters.after !== undefined ? gte(events.occurredAt, filters.after) : undefined,
    filters.before !== undefined ? lte(events.occurredAt, filters.before) : undefined,
  );
}

/** The account's events, newest first, filtered; the cursor is the last event id seen. */
export async function listEvents(
  db: Db,
  accountId: string,
  filters: EventFilters,
): Promise<Page<WireEvent>> {
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        eventConditions(accountId, filters),
        filters.cursor ? lt(events.id, filters.cursor) : undefined,
      ),
    )
    .orderBy(desc(events.id))
    .limit(filters.limit + 1);
  return toPage(rows, filters.limit, (row) => row.id, eventToWire);
}

export async function getEvent(db: Db, accountId: string, eventId: string): Promise<WireEvent> {
  const row = await db.query.events.findFirst({
    where: and(eq(events.id, eventId), eq(events.accountId, accountId)),
  });
  if (!row) throw notFound("Event");
  return eventToWire(row);
}
