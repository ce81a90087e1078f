import { and, eq, gt, isNull, lte, ne, not, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { apiKeys } from "../db/schema.ts";
import { jsonArrayHas, SearchParam, searchCondition } from "../list-filters.ts";
import { ListQuery } from "../pagination.ts";

/**
 * The list filters of API keys (docs/decisions/input-limits.md, `authpi-admin` list parameters).
 * `status` is the status the key shows (`expired` once past `expires_at`; nothing is
 * `suspended` yet); `access`: `full` (`*:**`), `scoped`, or `none` (no scopes); `readiness`:
 * `ready` (usable and scoped), `no_scopes` (usable, denied everywhere), `inactive`.
 */
export const ApiKeyFilters = ListQuery.extend({
  q: SearchParam.optional(),
  status: z.enum(["active", "blocked", "revoked", "expired", "suspended"]).optional(),
  access: z.enum(["full", "scoped", "none"]).optional(),
  readiness: z.enum(["ready", "no_scopes", "inactive"]).optional(),
});
export type ApiKeyFilters = z.output<typeof ApiKeyFilters>;

const noScopes = sql`json_array_length(${apiKeys.scopes}) = 0`;

function usable(now: number): SQL | undefined {
  return and(
    eq(apiKeys.status, "active"),
    or(isNull(apiKeys.expiresAt), gt(apiKeys.expiresAt, now)),
  );
}

function statusCondition(status: ApiKeyFilters["status"], now: number): SQL | undefined {
  if (status === undefined) return undefined;
  if (status === "active") return usable(now);
  if (status === "expired") return and(eq(apiKeys.status, "active"), lte(apiKeys.expiresAt, now));
  return eq(apiKeys.status, status);
}

function accessCondition(access: ApiKeyFilters["access"]): SQL | undefined {
  const full = jsonArrayHas(apiKeys.scopes, "*:**");
  if (access === "full") return full;
  if (access === "none") return noScopes;
  if (access === "scoped") return and(not(full), not(noScopes));
  return undefined;
}

function readinessCondition(readiness: ApiKeyFilters["readiness"], now: number) {
  if (readiness === "ready") return and(usable(now), not(noScopes));
  if (readiness === "no_scopes") return and(usable(now), noScopes);
  if (readiness === "inactive")
    return or(ne(apiKeys.status, "active"), lte(apiKeys.expiresAt, now));
  return undefined;
}

/** The SQL condition of `filters` at `now` (expiry is a matter of time). */
export function apiKeyConditions(filters: ApiKeyFilters, now: number): SQL | undefined {
  return and(
    filters.q ? searchCondition(apiKeys.name, apiKeys.id, filters.q) : undefined,
    statusCondition(filters.status, now),
    accessCondition(filters.access),
    readinessCondition(filters.readiness, now),
  );
}
