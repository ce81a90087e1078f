import {
  acceptsFill,
  beginWrite,
  type ClaimsEntry,
  type ClaimsLookup,
  type ClaimsSnapshot,
  endWrite,
  lookUp,
} from "@authpi/domain/tokens";

/** The claims snapshot of users with live sessions (docs/decisions/claims-snapshot.md). */

type Row = { clock: number; writers: number; lease_until: number; snapshot_json: string | null };

/**
 * A user's claims entry as columns of a join (`user_claims c` joined on the session's user), so
 * that a token path reads it with the session in one statement (sessions.ts).
 */
export const CLAIMS_COLUMNS = `c.clock AS claims_clock, c.writers AS claims_writers,
  c.lease_until AS claims_lease_until, c.snapshot_json AS claims_snapshot_json`;

export type ClaimsColumns = {
  claims_clock: number | null;
  claims_writers: number | null;
  claims_lease_until: number | null;
  claims_snapshot_json: string | null;
};

function toEntry(row: Row | undefined): ClaimsEntry | undefined {
  if (!row) return undefined;
  const snapshot = row.snapshot_json ? (JSON.parse(row.snapshot_json) as ClaimsSnapshot) : null;
  return { clock: row.clock, writers: row.writers, leaseUntil: row.lease_until, snapshot };
}

/** The entry a join read (`CLAIMS_COLUMNS`); undefined when the user has none. */
export function joinedEntry(row: ClaimsColumns): ClaimsEntry | undefined {
  if (row.claims_clock === null) return undefined;
  return toEntry({
    clock: row.claims_clock,
    writers: row.claims_writers ?? 0,
    lease_until: row.claims_lease_until ?? 0,
    snapshot_json: row.claims_snapshot_json,
  });
}

function readEntry(sql: SqlStorage, userId: string): ClaimsEntry | undefined {
  return toEntry(
    sql
      .exec<Row>(
        "SELECT clock, writers, lease_until, snapshot_json FROM user_claims WHERE user_id = ?",
        userId,
      )
      .toArray()[0],
  );
}

function writeEntry(sql: SqlStorage, userId: string, entry: ClaimsEntry): void {
  sql.exec(
    `INSERT INTO user_claims (user_id, clock, writers, lease_until, snapshot_json)
       VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET clock = excluded.clock, writers = excluded.writers,
       lease_until = excluded.lease_until, snapshot_json = excluded.snapshot_json`,
    userId,
    entry.clock,
    entry.writers,
    entry.leaseUntil,
    entry.snapshot ? JSON.stringify(entry.snapshot) : null,
  );
}

/** One store-wide clock: a deleted and re-created entry never repeats a clock a fill holds. */
function tick(sql: SqlStorage): number {
  return sql
    .exec<{ value: number }>("UPDATE claims_clock SET value = value + 1 RETURNING value")
    .one().value;
}

export function lookUpClaims(sql: SqlStorage, userId: string, now: number): ClaimsLookup {
  return claimsFromEntry(sql, userId, readEntry(sql, userId), now);
}

/** The lookup of an entry already read (`joinedEntry`); writes only on a miss or a lapsed fill. */
export function claimsFromEntry(
  sql: SqlStorage,
  userId: string,
  entry: ClaimsEntry | undefined,
  now: number,
): ClaimsLookup {
  const result = lookUp(entry, entry ? entry.clock : tick(sql), now);
  if (result.entry !== entry) writeEntry(sql, userId, result.entry);
  return result.lookup;
}

export function beginUserWrite(sql: SqlStorage, userIds: string[], now: number): void {
  for (const id of userIds) writeEntry(sql, id, beginWrite(readEntry(sql, id), tick(sql), now));
}

export function endUserWrite(sql: SqlStorage, userIds: string[], now: number): void {
  for (const id of userIds) writeEntry(sql, id, endWrite(readEntry(sql, id), tick(sql), now));
}

export function fillUserClaims(
  sql: SqlStorage,
  userId: string,
  clock: number,
  snapshot: ClaimsSnapshot,
  now: number,
): boolean {
  const entry = readEntry(sql, userId);
  if (!entry || !acceptsFill(entry, clock, now)) return false;
  writeEntry(sql, userId, { ...entry, snapshot });
  return true;
}
