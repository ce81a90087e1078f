/** One pending email verification as the issuer's Durable Object keeps it (hashes only). */
export interface EmailVerificationRecord {
  userId: string;
  email: string;
  /** SHA-256 of the link token. */
  tokenHash: string;
  /** `verificationCodeDigest` of the code. */
  codeDigest: string;
  /** The interaction that asked, so the link can continue it in the same browser. */
  interactionId: string | null;
  expiresAt: number;
}

export type IssueVerificationResult =
  | { status: "ok" }
  | { status: "rate_limited"; retryAt: number };

/** What a consumed verification proves: this user controls this address. */
export interface VerifiedEmail {
  userId: string;
  email: string;
  interactionId: string | null;
}

/** The issuer store's half of email verification (the class lives in the IdP worker). */
export interface EmailVerificationStore {
  /**
   * Replaces the user's pending verification with `record`, unless the resend limits
   * (`RESEND_LIMITS`) refuse another email now; checked and written without a gap.
   */
  issueEmailVerification(
    record: EmailVerificationRecord,
    now: number,
  ): Promise<IssueVerificationResult>;
  /** Deletes and returns the verification a link's token names; null when unknown, used or lapsed. */
  consumeEmailVerificationLink(tokenHash: string, now: number): Promise<VerifiedEmail | null>;
  /** The same for a typed code of one user. */
  consumeEmailVerificationCode(
    userId: string,
    codeDigest: string,
    now: number,
  ): Promise<VerifiedEmail | null>;
}
