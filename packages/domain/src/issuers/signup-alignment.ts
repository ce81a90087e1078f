import { DomainError } from "../errors.ts";

type AccessMode = "open" | "invite_only" | "closed";
type SettingsRequest = {
  allow_new_users?: boolean | null;
  access?: { mode?: AccessMode | null } | null;
};

/**
 * Keeps AuthPI's `allow_new_users` and `access.mode` saying the same thing
 * (docs/decisions/signup.md): `allow_new_users=true` ⇔ `open`. The field the request sets wins;
 * a request that sets both, inconsistently, is a 422 naming both. Returns the request with the
 * other field filled in, before it is merged and validated.
 */
export function alignSignupPolicy<T extends SettingsRequest>(
  request: T,
  currentMode: AccessMode,
): T {
  const allow = request.allow_new_users ?? undefined;
  const mode = request.access?.mode ?? undefined;
  if (allow !== undefined && mode !== undefined) {
    if ((mode === "open") === allow) return request;
    const message = `allow_new_users=${allow} contradicts access.mode=${mode} (allow_new_users=true is access.mode=open)`;
    throw new DomainError("VALIDATION_FAILED", message, {
      fields: ["settings.allow_new_users", "settings.access.mode"].map((field) => ({
        field,
        code: "inconsistent",
        message,
      })),
    });
  }
  if (mode !== undefined) return { ...request, allow_new_users: mode === "open" };
  if (allow === undefined) return request;
  const next: AccessMode = allow ? "open" : currentMode === "open" ? "invite_only" : currentMode;
  return { ...request, access: { ...(request.access ?? {}), mode: next } };
}

/** The stored settings always carry `allow_new_users` as their `access.mode` says. */
export function withAllowNewUsers<T extends { access: { mode: AccessMode } }>(
  settings: T,
): T & { allow_new_users: boolean } {
  return { ...settings, allow_new_users: settings.access.mode === "open" };
}
