import { and, count, desc, eq, lt, ne, not, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { inList } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { clients, issuers } from "../db/schema.ts";
import { SearchParam, searchCondition } from "../list-filters.ts";
import { ListQuery, type Page, toPage } from "../pagination.ts";
import { issuerSettings } from "./issuer-settings.ts";
import { type IssuerRow, issuerToWire } from "./issuer-wire.ts";

/**
 * An issuer as lists show it (`IssuerListItem`): the issuer plus a readiness summary. Password
 * is the one authentication method; an issuer is `ready` once it has an active client.
 */
export function issuerToListItem(row: IssuerRow, activeClients: number) {
  const settings = issuerSettings(row.settings);
  const branding = settings.branding ?? {};
  return {
    ...issuerToWire(row),
    access_mode: settings.access.mode,
    auth_method_count: 1,
    enabled_login_method_count: 1,
    enabled_signup_method_count: settings.access.mode === "open" ? 1 : 0,
    available_scope_count: row.availableScopes.length,
    branding_configured: Object.keys(branding).length > 0,
    readiness: row.status !== "active" ? "disabled" : activeClients > 0 ? "ready" : "needs_client",
  };
}

/** The `authpi-admin` list filters; `access_mode` and `readiness` as the list items show them. */
export const IssuerFilters = ListQuery.extend({
  q: SearchParam.optional(),
  status: z.enum(["active", "disabled"]).optional(),
  access_mode: z.enum(["open", "invite_only", "closed"]).optional(),
  readiness: z.enum(["ready", "needs_client", "disabled"]).optional(),
});
export type IssuerFilters = z.output<typeof IssuerFilters>;

const hasActiveClient = sql`exists (select 1 from ${clients} where ${clients.issuerId} = ${issuers.id} and ${clients.status} = 'active')`;

function readinessCondition(readiness: IssuerFilters["readiness"]): SQL | undefined {
  if (readiness === "disabled") return ne(issuers.status, "active");
  if (readiness === "ready") return and(eq(issuers.status, "active"), hasActiveClient);
  if (readiness === "needs_client") return and(eq(issuers.status, "active"), not(hasActiveClient));
  return undefined;
}

/** Issuers of an account, newest first, filtered (docs/decisions/input-limits.md). */
export async function listIssuers(
  db: Db,
  accountId: string,
  query: IssuerFilters,
): Promise<Page<ReturnType<typeof issuerToListItem>>> {
  const rows = await db
    .select()
    .from(issuers)
    .where(
      and(
        eq(issuers.accountId, accountId),
        query.q ? searchCondition(issuers.name, issuers.id, query.q) : undefined,
        query.status ? eq(issuers.status, query.status) : undefined,
        query.access_mode
          ? sql`coalesce(json_extract(${issuers.settings}, '$.access.mode'), 'invite_only') = ${query.access_mode}`
          : undefined,
        readinessCondition(query.readiness),
        query.cursor ? lt(issuers.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(issuers.id))
    .limit(query.limit + 1);
  const ids = rows.slice(0, query.limit).map((r) => r.id);
  const counts =
    ids.length === 0
      ? []
      : await db
          .select({ issuerId: clients.issuerId, n: count() })
          .from(clients)
          .where(and(inList(clients.issuerId, ids), eq(clients.status, "active")))
          .groupBy(clients.issuerId);
  const byIssuer = new Map(counts.map((c) => [c.issuerId, c.n]));
  return toPage(
    rows,
    query.limit,
    (row) => row.id,
    (row) => issuerToListItem(row, byIssuer.get(row.id) ?? 0),
  );
}
