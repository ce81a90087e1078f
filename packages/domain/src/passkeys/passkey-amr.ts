import type { PasskeyCredential } from "./passkey-credential.ts";

/**
 * The RFC 8176 `amr` of a passkey sign-in (docs/decisions/sign-in.md): `hwk` for a key bound
 * to one authenticator, `swk` for a synced (backup-eligible) one; with user verification the
 * passkey is two factors in one (possession plus PIN or biometric), so `mfa` too.
 */
export function passkeyAmr(
  deviceType: PasskeyCredential["device_type"],
  userVerified: boolean,
): string[] {
  const key = deviceType === "multiDevice" ? "swk" : "hwk";
  return userVerified ? [key, "mfa"] : [key];
}
