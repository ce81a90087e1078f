/** The OIDC scopes every issuer offers (OIDC Core §5.4, §11). */
export const STANDARD_SCOPES = ["openid", "profile", "email", "phone", "address", "offline_access"];

/** Splits an OAuth `scope` parameter (RFC 6749 §3.3) into distinct values, order kept. */
export function parseScope(value: string | null | undefined): string[] {
  return [...new Set((value ?? "").split(" ").filter((s) => s.length > 0))];
}

/** The scopes a client may request: its own list, or the standard ones plus the issuer's. */
export function allowedScopes(clientScopes: readonly string[], issuerScopes: readonly string[]) {
  return clientScopes.length > 0 ? clientScopes : [...STANDARD_SCOPES, ...issuerScopes];
}

/** Scopes in `requested` that are not in `allowed`. */
export function unknownScopes(requested: readonly string[], allowed: readonly string[]): string[] {
  return requested.filter((scope) => !allowed.includes(scope));
}
