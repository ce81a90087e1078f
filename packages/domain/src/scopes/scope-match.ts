/**
 * Scope grammar `resource[.subresource]:action`, with the wildcards AuthPI's own SDKs honour:
 * action `*` is any action, action `**` is any action on the resource and its sub-resources,
 * resource `*` is any top-level resource, and `*:**` is everything. Deny by default.
 */
export function parseScope(scope: string): { resource: string; action: string } | null {
  const colon = scope.lastIndexOf(":");
  if (colon <= 0 || colon === scope.length - 1) return null;
  return { resource: scope.slice(0, colon), action: scope.slice(colon + 1) };
}

function grants(scope: string, action: string, resource: string): boolean {
  const parsed = parseScope(scope);
  if (!parsed) return false;
  const anyAction = parsed.action === "*" || parsed.action === "**";
  if (!anyAction && parsed.action !== action) return false;
  if (parsed.resource === "*") return parsed.action === "**" || !resource.includes(".");
  if (parsed.resource === resource) return true;
  return parsed.action === "**" && resource.startsWith(`${parsed.resource}.`);
}

/** True when any of `scopes` allows `action` on `resource`. */
export function hasAccess(scopes: readonly string[], action: string, resource: string): boolean {
  return scopes.some((scope) => grants(scope, action, resource));
}

/** True when `scopes` cover a required scope written as `resource:action`. */
export function coversScope(scopes: readonly string[], required: string): boolean {
  const parsed = parseScope(required);
  return parsed !== null && hasAccess(scopes, parsed.action, parsed.resource);
}
