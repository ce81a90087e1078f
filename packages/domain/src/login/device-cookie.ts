import { randomToken } from "../crypto/hash.ts";
import { open, seal } from "../crypto/sealed-box.ts";

/** A browser stays a trusted device for a user this long after its last successful sign-in. */
export const DEVICE_COOKIE_TTL_MS = 90 * 86_400_000;

const PURPOSE = "authpi device cookie v1";

export interface TrustedDevice {
  userId: string;
  deviceId: string;
}

interface DeviceClaims {
  iss: string;
  sub: string;
  dev: string;
  exp: number;
}

/**
 * A device cookie for a browser that just signed `userId` in (OWASP "Slow Down Online
 * Guessing Attacks with Device Cookies"): sealed with AES-256-GCM under a key derived from
 * the deployment secret, so it cannot be forged or moved to another issuer or user.
 */
export async function issueDeviceCookie(
  secret: string,
  issuerId: string,
  userId: string,
  now: number,
): Promise<string> {
  const claims: DeviceClaims = {
    iss: issuerId,
    sub: userId,
    dev: randomToken(16),
    exp: now + DEVICE_COOKIE_TTL_MS,
  };
  return seal(secret, PURPOSE, JSON.stringify(claims));
}

/** The device a cookie names, or null when it is absent, forged, expired or another issuer's. */
export async function readDeviceCookie(
  secret: string,
  issuerId: string,
  value: string | undefined,
  now: number,
): Promise<TrustedDevice | null> {
  if (!value || value.length > 512) return null;
  let claims: Partial<DeviceClaims>;
  try {
    claims = JSON.parse(await open(secret, PURPOSE, value)) as Partial<DeviceClaims>;
  } catch {
    return null;
  }
  if (claims.iss !== issuerId || typeof claims.sub !== "string") return null;
  if (typeof claims.dev !== "string" || typeof claims.exp !== "number" || claims.exp <= now) {
    return null;
  }
  return { userId: claims.sub, deviceId: claims.dev };
}
