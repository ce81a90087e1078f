import { and, eq } from "drizzle-orm";
import type { TtlCache } from "../cache/ttl-cache.ts";
import type { Db } from "../db/client.ts";
import { issuers } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import type { IssuerRow } from "./issuer-wire.ts";

/** An issuer of one account; another account's issuer is a 404 so ids don't leak. */
export async function getAccountIssuer(
  db: Db,
  accountId: string,
  issuerId: string,
): Promise<IssuerRow> {
  const row = await db.query.issuers.findFirst({
    where: and(eq(issuers.id, issuerId), eq(issuers.accountId, accountId)),
  });
  if (!row) throw notFound("Issuer");
  return row;
}

/** A per-isolate cache of issuer rows and the clock to read it by. */
export interface IssuerCache {
  cache: TtlCache<IssuerRow>;
  now: number;
}

/**
 * An issuer that serves OIDC (status `active`), for the IdP API; unknown or inactive is a 404.
 * With `cached`, the row comes from the isolate's cache when it is fresh enough.
 */
export async function getActiveIssuer(
  db: Db,
  issuerId: string,
  cached?: IssuerCache,
): Promise<IssuerRow> {
  const load = () => db.query.issuers.findFirst({ where: eq(issuers.id, issuerId) });
  const row = await (cached ? cached.cache.get(issuerId, cached.now, load) : load());
  if (row?.status !== "active") throw notFound("Issuer");
  return row;
}
