import { and, eq } from "drizzle-orm";
import type { TtlCache } from "../cache/ttl-cache.ts";
import type { Db } from "../db/client.ts";
import { clients } from "../db/schema.ts";
import type { ClientRow } from "./client-wire.ts";

/** A client of this issuer, or undefined (a client id of another issuer is unknown here). */
export function findClient(
  db: Db,
  issuerId: string,
  clientId: string,
): Promise<ClientRow | undefined> {
  return db.query.clients.findFirst({
    where: and(eq(clients.id, clientId), eq(clients.issuerId, issuerId)),
  });
}

/** Finds a client of the issuer; `fresh` asks for a read that bypasses any cache. */
export type ClientLookup = (clientId: string, fresh?: boolean) => Promise<ClientRow | undefined>;

/**
 * {@link findClient} through a per-isolate cache, bound to one issuer. `fresh` drops and
 * refills the entry, so a secret rotated since the row was cached works at once.
 */
export function cachedClientLookup(
  db: Db,
  issuerId: string,
  cached: { cache: TtlCache<ClientRow>; now: number },
): ClientLookup {
  return (clientId, fresh = false) => {
    const key = `${issuerId}/${clientId}`;
    if (fresh) cached.cache.delete(key);
    return cached.cache.get(key, cached.now, () => findClient(db, issuerId, clientId));
  };
}
