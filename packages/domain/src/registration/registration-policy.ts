import type { RateBucket } from "../email-tokens/email-token-store.ts";
import { sourceAddress } from "../throttle/source-address.ts";
import type { RegistrationMode } from "../values/registration-settings.ts";

const HOUR = 3_600_000;

/**
 * Registrations per hour (docs/decisions/client-registration.md): `open` lets anyone in, so
 * it is held tighter than the modes that need a token or a signed statement.
 */
export const REGISTRATION_LIMITS = {
  open: { perSource: 10, perIssuer: 100 },
  gated: { perSource: 30, perIssuer: 1000 },
} as const;

/** The buckets one registration request counts in: its source address, and the issuer. */
export function registrationBuckets(
  mode: RegistrationMode,
  ip: string | null | undefined,
): RateBucket[] {
  const limits = mode === "open" ? REGISTRATION_LIMITS.open : REGISTRATION_LIMITS.gated;
  return [
    { key: `register:from:${sourceAddress(ip)}`, limit: limits.perSource, windowMs: HOUR },
    { key: "register:all", limit: limits.perIssuer, windowMs: HOUR },
  ];
}
