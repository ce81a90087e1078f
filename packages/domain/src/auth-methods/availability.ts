import { DomainError } from "../errors.ts";
import type { AuthMethodType } from "./auth-method-types.ts";

/**
 * Kinds that can be configured but not switched on, because the IdP cannot sign anyone in
 * with them yet. Each later issue removes its kind from this set.
 */
export const NOT_AVAILABLE_YET: ReadonlySet<AuthMethodType> = new Set(["temporary-password"]);

/** Refuses to enable a kind the IdP does not offer yet (422, field `enabled`). */
export function checkAvailable(method: AuthMethodType, enabled: boolean): void {
  if (!enabled || !NOT_AVAILABLE_YET.has(method)) return;
  const message = `The ${method} method is not available yet: store it with enabled false`;
  throw new DomainError("VALIDATION_FAILED", message, {
    fields: [{ field: "enabled", code: "not_available", message }],
  });
}
