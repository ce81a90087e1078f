import { and, count, desc, eq, lt } from "drizzle-orm";
import { inList } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { clients, issuers } from "../db/schema.ts";
import { type ListQuery, type Page, toPage } from "../pagination.ts";
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

/** Issuers of an account, newest first (spec core-api.md §9.5). */
export async function listIssuers(
  db: Db,
  accountId: string,
  query: ListQuery,
): Promise<Page<ReturnType<typeof issuerToListItem>>> {
  const rows = await db
    .select()
    .from(issuers)
    .where(
      and(
        eq(issuers.accountId, accountId),
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
