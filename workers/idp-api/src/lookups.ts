import { TtlCache } from "@authpi/domain/cache/ttl-cache";
import type { ClientRow } from "@authpi/domain/clients/client-wire";
import { findClient } from "@authpi/domain/clients/find-client";
import { createDb } from "@authpi/domain/db/client";
import { issuers } from "@authpi/domain/db/schema";
import type { IssuerRow } from "@authpi/domain/issuers/issuer-wire";
import { eq } from "drizzle-orm";
import type { Env } from "./env.ts";

/**
 * Issuers and clients change rarely and are read on every request, so each isolate keeps them
 * briefly: an issuer for 30 s, a client for 10 s. A client whose secret does not match its
 * cached row is read again before the request fails, so a rotated secret works at once.
 */
const issuerCache = new TtlCache<IssuerRow>(30_000);
const clientCache = new TtlCache<ClientRow>(10_000);

export function cachedIssuer(
  env: Env,
  issuerId: string,
  now: number,
): Promise<IssuerRow | undefined> {
  return issuerCache.get(issuerId, now, () =>
    createDb(env.DB).query.issuers.findFirst({ where: eq(issuers.id, issuerId) }),
  );
}

/** Looks up a client of the issuer; `fresh` skips (and refills) the cache. */
export function clientLookup(env: Env, issuerId: string, now: number) {
  return (clientId: string, fresh = false): Promise<ClientRow | undefined> => {
    const key = `${issuerId}/${clientId}`;
    if (fresh) clientCache.delete(key);
    return clientCache.get(key, now, () => findClient(createDb(env.DB), issuerId, clientId));
  };
}
