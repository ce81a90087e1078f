import type { ConsumedPushedRequest } from "@authpi/domain/oauth";

export function savePushedRequest(
  sql: SqlStorage,
  uriHash: string,
  clientId: string,
  payload: string,
  expiresAt: number,
): void {
  sql.exec(
    "INSERT INTO pushed_requests (uri_hash, client_id, payload, expires_at) VALUES (?, ?, ?, ?)",
    uriHash,
    clientId,
    payload,
    expiresAt,
  );
}

/**
 * Read and mark consumed with no await between them: a request_uri is used once (RFC 9126 §4).
 * Another client's attempt consumes nothing, so it cannot spend the rightful client's request.
 */
export function consumePushedRequest(
  sql: SqlStorage,
  uriHash: string,
  clientId: string,
  now: number,
): ConsumedPushedRequest {
  const row = sql
    .exec<{ client_id: string; payload: string; consumed_at: number | null; expires_at: number }>(
      "SELECT client_id, payload, consumed_at, expires_at FROM pushed_requests WHERE uri_hash = ?",
      uriHash,
    )
    .toArray()[0];
  if (!row) return { status: "unknown" };
  if (row.client_id !== clientId) return { status: "client" };
  if (row.consumed_at !== null) return { status: "replayed" };
  sql.exec(
    "UPDATE pushed_requests SET consumed_at = ?, payload = '' WHERE uri_hash = ?",
    now,
    uriHash,
  );
  if (row.expires_at <= now) return { status: "expired" };
  return { status: "ok", payload: row.payload };
}
