/**
 * AuthPI scope rules (`resource[.sub]:action`): `*` as the action grants every action on that
 * resource, `**` also every sub-resource; `*` as the resource matches top-level resources only,
 * and `*:**` matches everything.
 */
export function scopeGrants(scope: string, action: string, resource: string): boolean {
  const colon = scope.lastIndexOf(":");
  if (colon <= 0 || colon === scope.length - 1) return false;
  const scopeResource = scope.slice(0, colon);
  const scopeAction = scope.slice(colon + 1);
  if (scopeAction !== action && scopeAction !== "*" && scopeAction !== "**") return false;
  if (scopeResource === "*") return scopeAction === "**" || !resource.includes(".");
  if (scopeResource === resource) return true;
  return scopeAction === "**" && resource.startsWith(`${scopeResource}.`);
}

/** True when any of `scopes` grants `action` on `resource`. */
export function hasAccess(scopes: readonly string[], action: string, resource: string): boolean {
  return scopes.some((scope) => scopeGrants(scope, action, resource));
}
