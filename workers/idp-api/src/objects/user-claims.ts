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
 * A user's claims entry as one column beside a session row (`sessions s`): a correlated scalar
 * subquery by primary key, its four fields in one JSON array, so that a token path reads it with
 * the session in one statement (sessions.ts). Not a join: in the object's SQLite a joined row's
 * columns cost about three times a single table's, so a `LEFT JOIN user_claims` made the read
 * that carried it 2-4x slower (docs/decisions/token-paths.md, seventh round).
 */
export const CLAIMS_OF_SESSION = `(SELECT json_array(clock, writers, lease_until, json(snapshot_json))
  FROM user_claims WHERE user_id = s.user_id)`;

export type ClaimsColumn = { claims_json: string | null };

function toEntry(row: Row | undefined): ClaimsEntry | undefined {
  if (!row) return undefined;
  const snapshot = row.snapshot_json ? (JSON.parse(row.snapshot_json) as ClaimsSnapshot) : null;
  return { clock: row.clock, writers: row.writers, leaseUntil: row.lease_until, snapshot };
}

/** The entry read as `CLAIMS_OF_SESSION`; undefined when the user has none. */
export function entryOfColumn(row: ClaimsColumn): ClaimsEntry | undefined {
  if (row.claims_json === null) return undefined;
  const [clock, writers, leaseUntil, snapshot] = JSON.parse(row.claims_json) as [
    number,
    number,
    number,
    ClaimsSnapshot | null,
  ];
  return { clock, writers, leaseUntil, snapshot };
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

/** The lookup of an entry already read (`entryOfColumn`); writes only on a miss or a lapsed fill. */
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
