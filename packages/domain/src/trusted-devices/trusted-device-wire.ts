import type { trustedDevices } from "../db/schema.ts";

export type TrustedDeviceRow = typeof trustedDevices.$inferSelect;

/** A trusted device in the `authpi-admin` `TrustedDevice` shape; `fingerprint` is the token's SHA-256. */
export function trustedDeviceToWire(row: TrustedDeviceRow) {
  return {
    id: row.id,
    fingerprint: row.tokenHash,
    name: row.name,
    user_agent: row.userAgent,
    trusted_at: row.trustedAt,
    expires_at: row.expiresAt,
    last_used_at: row.lastUsedAt,
  };
}

/** A device's version tag: it changes only when the device is trusted again. */
export function trustedDeviceEtag(row: TrustedDeviceRow): string {
  return `"${row.trustedAt}"`;
}
