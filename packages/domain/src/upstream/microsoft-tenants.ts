import { UpstreamError } from "./upstream-contract.ts";

/** Microsoft's multi-tenant directories: sign-in for users of many tenants (identity platform v2.0). */
export const MULTI_TENANTS = ["common", "organizations", "consumers"] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a tenant setting names a multi-tenant directory (absent means `common`). */
export function isMultiTenant(tenant: string | null | undefined): boolean {
  return (MULTI_TENANTS as readonly string[]).includes(tenant ?? "common");
}

/** Whether a string is a tenant id (a GUID). */
export function isTenantId(value: unknown): value is string {
  return typeof value === "string" && GUID.test(value);
}

/**
 * The issuer a multi-tenant discovery document may advertise: the configured issuer with its
 * tenant path segment replaced by `{tenantid}` (common, organizations) or by one tenant id
 * (consumers). Anything else is a foreign document, refused. Returns the issuer template.
 */
export function acceptDiscoveredIssuer(
  configured: string,
  discovered: string,
  tenant: string,
): string {
  if (discovered === configured) return discovered;
  const segment = `/${tenant}/`;
  const at = configured.indexOf(segment);
  if (at >= 0) {
    const before = configured.slice(0, at + 1);
    const after = configured.slice(at + segment.length - 1);
    const middle =
      discovered.startsWith(before) && discovered.endsWith(after)
        ? discovered.slice(before.length, discovered.length - after.length)
        : null;
    if (middle === "{tenantid}" || isTenantId(middle)) return discovered;
  }
  throw new UpstreamError(
    "upstream_error",
    `discovery issuer ${discovered} does not match ${configured}`,
  );
}

/**
 * The `iss` an ID token from a multi-tenant issuer must carry: the template with the token's own
 * `tid` (a GUID) substituted. When `allowedTenants` is not empty, `tid` must be one of them.
 * oauth4webapi then compares `iss` with the result (OIDC Core §3.1.3.7 step 2).
 */
export function expectedTenantIssuer(
  template: string,
  claims: Record<string, unknown>,
  allowedTenants: readonly string[],
): string {
  const tid = claims.tid;
  if (!isTenantId(tid)) {
    throw new UpstreamError("issuer_mismatch", "the ID token carries no tenant id (tid)");
  }
  if (allowedTenants.length > 0 && !allowedTenants.includes(tid.toLowerCase())) {
    throw new UpstreamError("tenant_not_allowed", "the ID token's tenant is not allowed");
  }
  return template.replace("{tenantid}", tid);
}
