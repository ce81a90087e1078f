import { DomainError } from "@authpi/domain/errors";

/** The bearer token from the Authorization header (RFC 6750 §2.1). */
export function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!match?.[1]) throw new DomainError("INVALID_TOKEN", "malformed Authorization header");
  return match[1];
}
