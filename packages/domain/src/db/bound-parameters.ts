import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client.ts";

/**
 * D1 (and Durable Object SQLite) bind at most 100 parameters per statement; anything whose size
 * grows with data goes through this module (docs/decisions/bulk-and-statuses.md).
 */
export const MAX_BOUND_PARAMETERS = 100;

export type Statement = BatchItem<"sqlite">;

/** Splits `items` into runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size ${size}`);
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}

/** Rows of `table` one insert may carry: a column binds at most one parameter per row. */
export function rowsPerInsert(table: SQLiteTable): number {
  const columns = Object.keys(getTableColumns(table)).length;
  return Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / columns));
}

/**
 * Inserts for any number of rows, each within D1's limit, to run in one `db.batch` with the
 * change they belong to (so the whole change stays atomic).
 */
export function insertRows<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
): Statement[] {
  return chunk(rows, rowsPerInsert(table)).map((part) => db.insert(table).values(part));
}

/**
 * Like {@link insertRows}, skipping rows that hit a unique index, and returning the rows that
 * went in (one result per statement; flatten them).
 */
export function insertNewRows<T extends SQLiteTable>(
  db: Db,
  table: T,
  rows: readonly T["$inferInsert"][],
) {
  return chunk(rows, rowsPerInsert(table)).map((part) =>
    db.insert(table).values(part).onConflictDoNothing().returning(),
  );
}

/** Runs statements as one atomic D1 batch; an empty list runs nothing. */
export async function runBatch(db: Db, statements: readonly Statement[]): Promise<unknown[]> {
  const [first, ...rest] = statements;
  return first ? db.batch([first, ...rest]) : [];
}

/**
 * `column IN (values)` for any number of values with a single bound parameter: the list goes
 * in as one JSON array that SQLite's `json_each` unpacks.
 */
export function inList(column: SQLiteColumn, values: readonly (string | number)[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
