import type {
  DeviceCodeRecord,
  DeviceDecision,
  DevicePoll,
  PendingDevice,
} from "@authpi/domain/oauth";

/** RFC 8628 §3.5: each `slow_down` adds 5 seconds to the interval, for every later poll. */
const SLOW_DOWN_STEP_S = 5;

type Row = {
  device_hash: string;
  client_id: string;
  scope: string;
  status: "pending" | "approved" | "denied" | "consumed";
  code_key: string | null;
  interval_s: number;
  last_polled_at: number | null;
  expires_at: number;
};

/** Inserts unless a live request holds the user code; an expired holder is dropped first. */
export function saveDeviceCode(sql: SqlStorage, record: DeviceCodeRecord, now: number): boolean {
  sql.exec(
    "DELETE FROM device_codes WHERE user_code_hash = ? AND expires_at <= ?",
    record.userCodeHash,
    now,
  );
  const cursor = sql.exec(
    `INSERT INTO device_codes (device_hash, user_code_hash, client_id, scope, status, interval_s, expires_at)
     VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING`,
    record.deviceHash,
    record.userCodeHash,
    record.clientId,
    record.scope,
    record.intervalS,
    record.expiresAt,
  );
  return cursor.rowsWritten > 0;
}

export function findDeviceCode(
  sql: SqlStorage,
  userCodeHash: string,
  now: number,
): PendingDevice | null {
  const row = sql
    .exec<Pick<Row, "device_hash" | "client_id" | "scope" | "expires_at">>(
      `SELECT device_hash, client_id, scope, expires_at FROM device_codes
       WHERE user_code_hash = ? AND status = 'pending' AND expires_at > ?`,
      userCodeHash,
      now,
    )
    .toArray()[0];
  if (!row) return null;
  return {
    deviceHash: row.device_hash,
    clientId: row.client_id,
    scope: row.scope,
    expiresAt: row.expires_at,
  };
}

/** The first answer wins; the user code stops working with it (RFC 8628 §3.3). */
export function decideDeviceCode(
  sql: SqlStorage,
  deviceHash: string,
  decision: DeviceDecision,
  now: number,
): boolean {
  const cursor = sql.exec(
    `UPDATE device_codes SET status = ?, code_key = ?
     WHERE device_hash = ? AND status = 'pending' AND expires_at > ?`,
    decision.approved ? "approved" : "denied",
    decision.approved ? decision.codeKey : null,
    deviceHash,
    now,
  );
  return cursor.rowsWritten > 0;
}

/**
 * One poll, read and written with no await between them: an approved request is handed out
 * once (RFC 8628 §3.5); another client's poll changes nothing, not even the interval.
 */
export function pollDeviceCode(
  sql: SqlStorage,
  deviceHash: string,
  clientId: string,
  now: number,
): DevicePoll {
  const row = sql
    .exec<Row>("SELECT * FROM device_codes WHERE device_hash = ?", deviceHash)
    .toArray()[0];
  if (!row || row.client_id !== clientId) return { status: "invalid" };
  if (row.status === "consumed") return { status: "invalid" };
  if (row.expires_at <= now) return { status: "expired" };
  if (row.status === "denied") return { status: "denied" };
  if (row.status === "approved" && row.code_key !== null) {
    sql.exec(
      "UPDATE device_codes SET status = 'consumed', code_key = NULL WHERE device_hash = ?",
      deviceHash,
    );
    return { status: "approved", codeKey: row.code_key };
  }
  const tooSoon = row.last_polled_at !== null && now - row.last_polled_at < row.interval_s * 1000;
  const interval = tooSoon ? row.interval_s + SLOW_DOWN_STEP_S : row.interval_s;
  sql.exec(
    "UPDATE device_codes SET last_polled_at = ?, interval_s = ? WHERE device_hash = ?",
    now,
    interval,
    deviceHash,
  );
  return tooSoon ? { status: "slow_down", intervalS: interval } : { status: "pending" };
}
