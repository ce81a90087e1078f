/** What an emailed link (and its code) is for. */
export type EmailTokenPurpose = "password_reset" | "email_sign_in" | "email_change";

/**
 * A link sent by email, kept in the issuer's Durable Object under the SHA-256 of its token
 * (never the token). `userId` is null when the address has no account: the request does the
 * same work and stores the same row, so its answer and timing say nothing about the address.
 */
export interface EmailTokenRecord {
  purpose: EmailTokenPurpose;
  userId: string | null;
  /** SHA-256 of the code typed instead of following the link (email sign-in only). */
  codeHash: string | null;
  /** SHA-256 of the requesting browser's secret: the link signs in only there. */
  bindingHash: string | null;
  /** What the journey continues with afterwards (JSON). */
  payload: string;
  expiresAt: number;
}

/** A per-key request counter in fixed windows (e.g. emails per address per 15 minutes). */
export interface RateBucket {
  key: string;
  limit: number;
  windowMs: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** The issuer store's part for emailed links and for the request limits in front of them. */
export interface EmailTokenStore {
  saveEmailToken(tokenHash: string, record: EmailTokenRecord): Promise<void>;
  /** The live record, left in place (opening a link is not using it). */
  peekEmailToken(tokenHash: string, now: number): Promise<EmailTokenRecord | null>;
  /** Deletes and returns the live record: a link works once. */
  consumeEmailToken(
    tokenHash: string,
    purpose: EmailTokenPurpose,
    now: number,
  ): Promise<EmailTokenRecord | null>;
  /** Deletes and returns the live record when `codeHash` is its code; otherwise changes nothing. */
  consumeEmailCode(
    tokenHash: string,
    codeHash: string,
    now: number,
  ): Promise<EmailTokenRecord | null>;
  /**
   * Counts one request in every bucket when all are under their limit, atomically; refuses
   * (counting nothing) when any is full, with the time until the fullest window ends.
   */
  takeRateLimit(buckets: RateBucket[], now: number): Promise<RateDecision>;
}
