/**
 * Where the dispatcher records which requests it has sent, so one request sends at most one
 * email: `claim` before sending (atomic: only one attempt holds a key at a time), `markSent`
 * after the transport accepted it, `release` when the transport failed so a retry may claim it.
 */
export interface MailLedger {
  /** "claimed": go ahead; "sent": already sent, skip; "busy": another attempt holds it now. */
  claim(key: string, now: number): Promise<"claimed" | "sent" | "busy">;
  markSent(key: string, now: number): Promise<void>;
  release(key: string): Promise<void>;
}
