import { DomainError } from "../errors.ts";

/** The `webauthn` auth method's settings as stored (defaults filled in). */
export interface WebAuthnSettings {
  rp_id?: string | null;
  origins?: string[];
  user_verification?: "required" | "preferred" | "discouraged";
  resident_key?: "required" | "preferred" | "discouraged";
  attestation?: "none" | "indirect" | "direct";
}

/**
 * Why `rpId` cannot be the RP ID for pages on `host`, or null when it can: it must be the host
 * itself or a registrable suffix of it (WebAuthn L3 §5.1.4.1, HTML "is a registrable domain
 * suffix of or is equal to"). A single label (`com`) is never a registrable suffix; the public
 * suffix list is not consulted, so `co.uk` passes here and the browser refuses it
 * (docs/decisions/sign-in.md).
 */
export function rpIdProblem(rpId: string, host: string): string | null {
  const id = rpId.trim().toLowerCase();
  const h = host.toLowerCase();
  if (id === h) return null;
  if (!h.endsWith(`.${id}`)) return `must be ${h} or a domain it belongs to`;
  if (!id.includes(".")) return "must be a registrable domain, not a top-level one";
  return null;
}

/** Why `origin` cannot run ceremonies for `rpId` (its host must be the RP ID or under it), or null. */
export function originProblem(origin: string, rpId: string): string | null {
  const host = new URL(origin).hostname;
  return host === rpId || host.endsWith(`.${rpId}`) ? null : `must be on ${rpId} or under it`;
}

function refuse(field: string, message: string): never {
  throw new DomainError("VALIDATION_FAILED", `Invalid webauthn settings: ${field}: ${message}`, {
    fields: [{ field, code: "invalid_rp", message }],
  });
}

/**
 * Checks a `webauthn` method's `rp_id` and `origins` against the IdP's base URL (the origin
 * of the hosted pages): a 422 naming `settings.rp_id` or `settings.origins.<i>`.
 */
export function checkWebAuthnSettings(settings: WebAuthnSettings, idpBaseUrl: string): void {
  const host = new URL(idpBaseUrl).hostname;
  const rpId = settings.rp_id ?? host;
  const problem = rpIdProblem(rpId, host);
  if (problem) refuse("settings.rp_id", problem);
  (settings.origins ?? []).forEach((origin, i) => {
    const bad = originProblem(origin, rpId);
    if (bad) refuse(`settings.origins.${i}`, bad);
  });
}
