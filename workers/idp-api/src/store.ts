import { createDb } from "@authpi/domain/db";
import { issuerUrl, readShardCount } from "@authpi/domain/issuers";
import type { IssuerStoreRpc } from "@authpi/domain/oauth";
import { announcingLogouts, issuerStoreId, shardedIssuerStore } from "@authpi/domain/oauth";
import type { Env } from "./env.ts";
import { keyRing } from "./key-ring.ts";

/** The issuer's Durable Objects as one store: each call goes to the shard its handle names. */
export function issuerStore(env: Env, issuerId: string): IssuerStoreRpc {
  const store = shardedIssuerStore({
    shard: (index) => env.ISSUER_STORE.get(issuerStoreId(env.ISSUER_STORE, issuerId, index)),
    shardCount: () => readShardCount(createDb(env.DB), issuerId),
  });
  // Every call that ends sessions also queues the RPs' logout tokens (docs/decisions/protocol.md §5).
  return announcingLogouts(store, {
    db: createDb(env.DB),
    issuerId,
    issuerUrl: issuerUrl(env.IDP_BASE_URL, issuerId),
    ring: (now) => keyRing(env, issuerId, now),
    queue: env.DELIVERIES,
  });
}
