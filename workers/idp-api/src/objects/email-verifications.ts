import {
  type EmailVerificationRecord,
  type IssueVerificationResult,
  nextSendAt,
  RESEND_LIMITS,
  type VerifiedEmail,
} from "@authpi/domain/signup";

const WINDOW_MS = Math.max(...RESEND_LIMITS.map((l) => l.windowMs));

/** Checks the resend limits and replaces the user's pending verification, with no await between. */
export function issueEmailVerification(
  sql: SqlStorage,
  record: EmailVerificationRecord,
  now: number,
): IssueVerificationResult {
  const sent = sql
    .exec<{ sent_at: number }>(
      "SELECT sent_at FROM email_verification_sends WHERE user_id = ? AND sent_at > ?",
      record.userId,
      now - WINDOW_MS,
    )
    .toArray()
    .map((row) => row.sent_at);
  const retryAt = nextSendAt(sent, now);
  if (retryAt !== null) return { status: "rate_limited", retryAt };
  sql.exec("DELETE FROM email_verifications WHERE user_id = ?", record.userId);
  sql.exec(
    `INSERT INTO email_verifications
       (user_id, email, token_hash, code_digest, interaction_id, expires_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
    record.userId,
    record.email,
    record.tokenHash,
    record.codeDigest,
    record.interactionId,
    record.expiresAt,
  );
  sql.exec(
    "INSERT INTO email_verification_sends (user_id, sent_at) VALUES (?, ?)",
    record.userId,
    now,
  );
  return { status: "ok" };
}

type Row = { user_id: string; email: string; interaction_id: string | null; expires_at: number };

function verified(row: Row | undefined, now: number): VerifiedEmail | null {
  if (!row || row.expires_at <= now) return null;
  return { userId: row.user_id, email: row.email, interactionId: row.interaction_id };
}

/** Deleted as it is read: a link verifies once. */
export function consumeLink(sql: SqlStorage, tokenHash: string, now: number): VerifiedEmail | null {
  const row = sql
    .exec<Row>(
      `DELETE FROM email_verifications WHERE token_hash = ?
       RETURNING user_id, email, interaction_id, expires_at`,
      tokenHash,
    )
    .toArray()[0];
  return verified(row, now);
}

/** Deleted as it is read: a code verifies once, and only for its user. */
export function consumeCode(
  sql: SqlStorage,
  userId: string,
  codeDigest: string,
  now: number,
): VerifiedEmail | null {
  const row = sql
    .exec<Row>(
      `DELETE FROM email_verifications WHERE user_id = ? AND code_digest = ?
       RETURNING user_id, email, interaction_id, expires_at`,
      userId,
      codeDigest,
    )
    .toArray()[0];
  return verified(row, now);
}
