import { asc, count, countDistinct, desc, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { events } from "../db/schema.ts";
import { EventFilters, eventConditions } from "./list-events.ts";

/** A time series never answers more buckets than this (the newest ones, flagged `truncated`). */
export const MAX_BUCKETS = 1000;

const INTERVAL_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

const GROUP_COLUMNS = {
  type: events.type,
  issuer_id: events.issuerId,
  subject_type: events.subjectType,
  subject_id: events.subjectId,
  actor_id: events.actorId,
  source: events.source,
} as const;

const UNIQUE_COLUMNS = {
  subject_id: events.subjectId,
  actor_id: events.actorId,
  issuer_id: events.issuerId,
  type: events.type,
} as const;

const keys = <T extends object>(o: T) =>
  Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

/** `GET /events/aggregate`: the filters of `GET /events`, then what to count and how to cut it. */
export const AggregateQuery = EventFilters.omit({ limit: true, cursor: true }).extend({
  // Each exact type is one bound parameter; D1 allows 100 per statement.
  event_types: z
    .string()
    .max(2000)
    .refine((v) => v.split(",").filter((t) => t.trim()).length <= 50, "at most 50 event types")
    .optional(),
  group_by: z.enum(keys(GROUP_COLUMNS)).optional(),
  interval: z.enum(keys(INTERVAL_MS)).optional(),
  count_unique: z.enum(keys(UNIQUE_COLUMNS)).optional(),
});
export type AggregateQuery = z.output<typeof AggregateQuery>;

export interface AggregateBucket {
  start?: number;
  end?: number;
  key?: string | null;
  count: number;
  unique?: number;
}

/**
 * Totals, a breakdown (`group_by`) and/or a time series (`interval`, buckets start at a
 * multiple of the interval in UTC) over the account's events, counted by SQL aggregates so
 * the answer costs the same at any size; `count_unique` adds a distinct count per bucket.
 */
export async function aggregateEvents(db: Db, accountId: string, query: AggregateQuery) {
  const width = query.interval ? INTERVAL_MS[query.interval] : null;
  // `width` comes from a closed list, so it is written into the SQL rather than bound.
  const start = width
    ? sql<number>`(${events.occurredAt} / ${sql.raw(String(width))}) * ${sql.raw(String(width))}`
    : null;
  const key = query.group_by ? GROUP_COLUMNS[query.group_by] : null;
  const unique = query.count_unique ? countDistinct(UNIQUE_COLUMNS[query.count_unique]) : null;
  const grouping = [start, key].filter((g): g is NonNullable<typeof g> => g !== null);
  const order: SQL[] = start ? [desc(start)] : [desc(count())];
  if (key) order.push(asc(key));
  const select = db
    .select({
      count: count(),
      ...(start ? { start } : {}),
      ...(key ? { key } : {}),
      ...(unique ? { unique } : {}),
    })
    .from(events)
    .where(eventConditions(accountId, query))
    .$dynamic();
  const grouped = grouping.length > 0 ? select.groupBy(...grouping) : select;
  const rows = await grouped.orderBy(...order).limit(MAX_BUCKETS + 1);
  const kept = rows.slice(0, MAX_BUCKETS) as (AggregateBucket & { start?: number })[];
  if (start) kept.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  return {
    interval: query.interval ?? null,
    group_by: query.group_by ?? null,
    count_unique: query.count_unique ?? null,
    truncated: rows.length > MAX_BUCKETS,
    buckets: kept.map((row) => ({
      ...(row.start !== undefined && width ? { start: row.start, end: row.start + width } : {}),
      ...(key ? { key: row.key ?? null } : {}),
      count: row.count,
      ...(unique ? { unique: row.unique ?? 0 } : {}),
    })),
  };
}
