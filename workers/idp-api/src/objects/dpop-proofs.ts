import type { DpopReplay } from "@authpi/domain/oauth";

/**
 * Records a DPoP proof's replay key once (RFC 9449 §11.1): true the first time, false for a
 * proof seen before and not yet stale. Runs inside the caller's synchronous step.
 */
export function useDpopProof(sql: SqlStorage, replay: DpopReplay, now: number): boolean {
  const seen = sql
    .exec<{ expires_at: number }>(
      "SELECT expires_at FROM dpop_proofs WHERE replay_key = ?",
      replay.key,
    )
    .toArray()[0];
  if (seen && seen.expires_at > now) return false;
  sql.exec(
    "INSERT OR REPLACE INTO dpop_proofs (replay_key, expires_at) VALUES (?, ?)",
    replay.key,
    replay.expiresAt,
  );
  return true;
}
