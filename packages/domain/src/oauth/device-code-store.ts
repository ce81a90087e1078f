/** A device authorization request as the store keeps it (RFC 8628 §3.2); codes only hashed. */
export interface DeviceCodeRecord {
  /** SHA-256 of the `device_code`. */
  deviceHash: string;
  /** SHA-256 of the normalised `user_code`. */
  userCodeHash: string;
  clientId: string;
  scope: string;
  /** Seconds between polls; grows by 5 with each `slow_down` (RFC 8628 §3.5). */
  intervalS: number;
  expiresAt: number;
}

/** A pending request found by its user code, for the verification page (RFC 8628 §3.3). */
export interface PendingDevice {
  deviceHash: string;
  clientId: string;
  scope: string;
  expiresAt: number;
}

/** The user's answer on the verification page: approved carries the code to redeem. */
export type DeviceDecision = { approved: true; codeKey: string } | { approved: false };

/** One poll of the token endpoint (RFC 8628 §3.5). */
export type DevicePoll =
  | { status: "pending" | "denied" | "expired" | "invalid" }
  | { status: "slow_down"; intervalS: number }
  /** Approved, and now spent: `codeKey` is the authorization code the approval issued. */
  | { status: "approved"; codeKey: string };

/** The device authorization requests, kept in the issuer's home store (shard 0). */
export interface DeviceCodeStore {
  /** Saves a request; false (nothing saved) when a live request already has its user code. */
  saveDeviceCode(record: DeviceCodeRecord, now: number): Promise<boolean>;
  /** The live, undecided request with this user code. */
  findDeviceCode(userCodeHash: string, now: number): Promise<PendingDevice | null>;
  /** Records the user's answer once, while the request is live and undecided. */
  decideDeviceCode(deviceHash: string, decision: DeviceDecision, now: number): Promise<boolean>;
  /**
   * A poll by `clientId`: another client's poll is `invalid` and changes nothing; an approved
   * request is handed out once (then `invalid`); polling faster than the interval is
   * `slow_down` and adds 5 seconds to it.
   */
  pollDeviceCode(deviceHash: string, clientId: string, now: number): Promise<DevicePoll>;
}
