import type { ClientType, GRANT_TYPES } from "../values/client-settings.ts";

export * from "../values/client-settings.ts";

/** Confidential clients hold a secret (web, m2m); public ones rely on PKCE (spa, native). */
export function isConfidential(type: string): boolean {
  return type === "web" || type === "m2m";
}

export function defaultGrantTypes(type: ClientType): (typeof GRANT_TYPES)[number][] {
  return type === "m2m" ? ["client_credentials"] : ["authorization_code", "refresh_token"];
}
