import { timingSafeEqual } from "@authpi/domain/crypto";
import type {
  EmailTokenPurpose,
  EmailTokenRecord,
  RateBucket,
  RateDecision,
} from "@authpi/domain/email-tokens";

type Row = {
  purpose: EmailTokenPurpose;
  user_id: string | null;
  code_hash: string | null;
  binding_hash: string | null;
  payload: string;
  expires_at: number;
};

function toRecord(row: Row): EmailTokenRecord {
  return {
    purpose: row.purpose,
    userId: row.user_id,
    codeHash: row.code_hash,
    bindingHash: row.binding_hash,
    payload: row.payload,
    expiresAt: row.expires_at,
  };
}

export function saveEmailToken(sql: SqlStorage, tokenHash: string, record: EmailTokenRecord) {
  sql.exec(
    `INSERT INTO email_tokens (token_hash, purpose, user_id, code_hash, binding_hash, payload, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    tokenHash,
    record.purpose,
    record.userId,
    record.codeHash,
    record.bindingHash,
    record.payload,
    record.expiresAt,
  );
}

function read(sql: SqlStorage, tokenHash: string): Row | undefined {
  return sql
    .exec<Row>(
      `SELECT purpose, user_id, code_hash, binding_hash, payload, expires_at
       FROM email_tokens WHERE token_hash = ?`,
      tokenHash,
    )
    .toArray()[0];
}

export function peekEmailToken(sql: SqlStorage, tokenHash: string, now: number) {
  const row = read(sql, tokenHash);
  return row && row.expires_at > now ? toRecord(row) : null;
}

/** Read and delete with no await between them: the first use wins, every later one fails. */
export function consumeEmailToken(
  sql: SqlStorage,
  tokenHash: string,
  purpose: EmailTokenPurpose,
  now: number,
): EmailTokenRecord | null {
  const row = read(sql, tokenHash);
  if (!row || row.purpose !== purpose) return null;
  sql.exec("DELETE FROM email_tokens WHERE token_hash = ?", tokenHash);
  return row.expires_at > now ? toRecord(row) : null;
}

/** A wrong code leaves the record alone (the caller counts the failure under the lockout). */
export function consumeEmailCode(
  sql: SqlStorage,
  tokenHash: string,
  codeHash: string,
  now: number,
): EmailTokenRecord | null {
  const row = read(sql, tokenHash);
  if (!row || row.expires_at <= now || !row.code_hash) return null;
  if (!timingSafeEqual(row.code_hash, codeHash)) return null;
  sql.exec("DELETE FROM email_tokens WHERE token_hash = ?", tokenHash);
  return toRecord(row);
}

/**
 * Fixed windows kept in the login counters' table (`rate:{key}:{window}`), so the store's
 * clean-up drops them a day later; all buckets are checked before any is counted.
 */
export function takeRateLimit(sql: SqlStorage, buckets: RateBucket[], now: number): RateDecision {
  const keyed = buckets.map((bucket) => {
    const index = Math.floor(now / bucket.windowMs);
    const key = `rate:${bucket.key}:${index}`;
    const row = sql
      .exec<{ failures: number }>("SELECT failures FROM login_failures WHERE credential = ?", key)
      .toArray()[0];
    return { ...bucket, key, count: row?.failures ?? 0, end: (index + 1) * bucket.windowMs };
  });
  const full = keyed.filter((b) => b.count >= b.limit);
  if (full.length > 0) {
    return { allowed: false, retryAfterMs: Math.max(...full.map((b) => b.end - now)) };
  }
  for (const bucket of keyed) {
    sql.exec(
      `INSERT INTO login_failures (credential, failures, locked_until, updated_at) VALUES (?, 1, NULL, ?)
       ON CONFLICT (credential) DO UPDATE SET failures = failures + 1, updated_at = excluded.updated_at`,
      bucket.key,
      now,
    );
  }
  return { allowed: true };
}
