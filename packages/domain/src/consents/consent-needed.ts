/** The part of a stored consent that decides whether to ask again. */
export interface GrantedScopes {
  scopes: readonly string[];
}

/**
 * Whether the user must be asked: no consent stored for this client yet (even for `openid`
 * alone), or a requested scope the stored consent does not hold.
 */
export function consentNeeded(
  row: GrantedScopes | null | undefined,
  requestedScopes: readonly string[],
): boolean {
  if (!row) return true;
  const granted = new Set(row.scopes);
  return requestedScopes.some((scope) => !granted.has(scope));
}

/** The scopes of `requested` that `row` does not hold yet, in request order. */
export function scopesToAsk(
  row: GrantedScopes | null | undefined,
  requestedScopes: readonly string[],
): string[] {
  const granted = new Set(row?.scopes ?? []);
  return requestedScopes.filter((scope) => !granted.has(scope));
}
