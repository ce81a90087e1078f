import { DomainError } from "@authpi/domain/errors";
import type { PresentedToken } from "@authpi/domain/oauth";

function malformed(): DomainError {
  return new DomainError("INVALID_TOKEN", "malformed Authorization header");
}

/** The token from the Authorization header: Bearer (RFC 6750 §2.1) or DPoP (RFC 9449 §7.1). */
export function presented(header: string | undefined): PresentedToken | null {
  if (!header) return null;
  const match = /^(Bearer|DPoP)\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!match?.[1] || !match[2]) throw malformed();
  return { scheme: match[1].toLowerCase() === "dpop" ? "DPoP" : "Bearer", token: match[2] };
}

/** The bearer token from the Authorization header (RFC 6750 §2.1); any other scheme is refused. */
export function bearer(header: string | undefined): string | null {
  const token = presented(header);
  if (token && token.scheme !== "Bearer") throw malformed();
  return token?.token ?? null;
}
