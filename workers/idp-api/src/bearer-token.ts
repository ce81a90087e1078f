import { DomainError } from "@authpi/domain/errors";
import type { PresentedToken } from "@authpi/domain/oauth";

/** The bearer token from the Authorization header (RFC 6750 §2.1). */
export function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!match?.[1]) throw new DomainError("INVALID_TOKEN", "malformed Authorization header");
  return match[1];
}

/** The token from the Authorization header: Bearer (RFC 6750 §2.1) or DPoP (RFC 9449 §7.1). */
export function presented(header: string | undefined): PresentedToken | null {
  if (!header) return null;
  const match = /^(Bearer|DPoP)\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!match?.[1] || !match[2]) {
    throw new DomainError("INVALID_TOKEN", "malformed Authorization header");
  }
  return { scheme: match[1].toLowerCase() === "dpop" ? "DPoP" : "Bearer", token: match[2] };
}
