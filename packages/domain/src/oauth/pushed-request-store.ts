/** A pushed authorization request taken at /authorize (RFC 9126 §4). */
export type ConsumedPushedRequest =
  | { status: "ok"; payload: string }
  /** Unknown, expired, already used, or pushed by another client: all one refusal. */
  | { status: "unknown" | "expired" | "replayed" | "client" };

/** The pushed authorization requests, kept in the issuer's home store under the URI's hash. */
export interface PushedRequestStore {
  /** Saves a request (`payload` sealed by the caller) of `clientId` until `expiresAt`. */
  savePushedRequest(
    uriHash: string,
    clientId: string,
    payload: string,
    expiresAt: number,
  ): Promise<void>;
  /**
   * Takes a request once, for the client that pushed it (RFC 9126 §4): a second take is
   * `replayed`, a late one `expired`; another client's take is `client` and leaves it in place.
   */
  consumePushedRequest(
    uriHash: string,
    clientId: string,
    now: number,
  ): Promise<ConsumedPushedRequest>;
}
