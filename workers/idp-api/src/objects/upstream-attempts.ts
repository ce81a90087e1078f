import type { ConsumedAttempt } from "@authpi/domain/upstream";

export function saveUpstreamAttempt(
  sql: SqlStorage,
  stateHash: string,
  payload: string,
  expiresAt: number,
): void {
  sql.exec(
    "INSERT INTO upstream_attempts (state_hash, payload, expires_at) VALUES (?, ?, ?)",
    stateHash,
    payload,
    expiresAt,
  );
}

/** Read and mark consumed with no await between them: an attempt answers one callback only. */
export function consumeUpstreamAttempt(
  sql: SqlStorage,
  stateHash: string,
  now: number,
): ConsumedAttempt {
  const row = sql
    .exec<{ payload: string; consumed_at: number | null; expires_at: number }>(
      "SELECT payload, consumed_at, expires_at FROM upstream_attempts WHERE state_hash = ?",
      stateHash,
    )
    .toArray()[0];
  if (!row) return { status: "unknown" };
  if (row.consumed_at !== null) return { status: "replayed" };
  sql.exec(
    "UPDATE upstream_attempts SET consumed_at = ?, payload = '' WHERE state_hash = ?",
    now,
    stateHash,
  );
  if (row.expires_at <= now) return { status: "expired" };
  return { status: "ok", payload: row.payload };
}
