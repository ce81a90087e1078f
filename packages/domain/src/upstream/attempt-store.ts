/** The single-use upstream attempts, kept in the issuer's store keyed by the state's hash. */
export type ConsumedAttempt =
  | { status: "ok"; payload: string }
  | { status: "replayed" | "expired" | "unknown" };

export interface UpstreamAttemptStore {
  /** Saves an attempt (`payload` sealed by the caller) until `expiresAt`. */
  saveUpstreamAttempt(stateHash: string, payload: string, expiresAt: number): Promise<void>;
  /**
   * Takes an attempt once: a second take is `replayed` (remembered until its expiry), a late
   * one `expired`.
   */
  consumeUpstreamAttempt(stateHash: string, now: number): Promise<ConsumedAttempt>;
}
