import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { issuers } from "../db/schema.ts";
import { type ListQuery, type Page, toPage } from "../pagination.ts";
import { issuerToWire } from "./issuer-wire.ts";

/** Issuers of an account, newest first (spec core-api.md §9.5). */
export async function listIssuers(
  db: Db,
  accountId: string,
  query: ListQuery,
): Promise<Page<ReturnType<typeof issuerToWire>>> {
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
  return toPage(rows, query.limit, (row) => row.id, issuerToWire);
}
