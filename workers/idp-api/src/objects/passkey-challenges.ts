import type { PasskeyChallenge } from "@authpi/domain/passkeys";

export function savePasskeyChallenge(
  sql: SqlStorage,
  challenge: string,
  binding: PasskeyChallenge,
  expiresAt: number,
): void {
  sql.exec(
    "INSERT INTO passkey_challenges (challenge, purpose, user_id, expires_at) VALUES (?, ?, ?, ?)",
    challenge,
    binding.purpose,
    binding.userId,
    expiresAt,
  );
}

/** Read and delete with no await between them: a challenge answers one ceremony only. */
export function consumePasskeyChallenge(
  sql: SqlStorage,
  challenge: string,
  now: number,
): PasskeyChallenge | null {
  const row = sql
    .exec<{ purpose: PasskeyChallenge["purpose"]; user_id: string | null; expires_at: number }>(
      "DELETE FROM passkey_challenges WHERE challenge = ? RETURNING purpose, user_id, expires_at",
      challenge,
    )
    .toArray()[0];
  if (!row || row.expires_at <= now) return null;
  return { purpose: row.purpose, userId: row.user_id };
}
