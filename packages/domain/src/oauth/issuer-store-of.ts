import { createDb } from "../db/client.ts";
import type { DeliveryQueue } from "../delivery-queue/enqueue-delivery.ts";
import { issuerUrl } from "../issuers/issuer-wire.ts";
import { readShardCount } from "../issuers/shard-growth.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { type IssuerStoreRpc, issuerStoreId } from "./issuer-store-contract.ts";
import { announcingLogouts } from "./logout-announcer.ts";
import { shardedIssuerStore } from "./sharded-issuer-store.ts";

/** The bindings both workers reach an issuer's store with. */
export interface IssuerStoreBindings {
  ISSUER_STORE: {
    idFromName(name: string): DurableObjectId;
    get(id: DurableObjectId): IssuerStoreRpc;
  };
  DB: D1Database;
  IDP_BASE_URL: string;
  DELIVERIES: DeliveryQueue;
}

/**
 * An issuer's Durable Objects as one store: each call goes to the shard its handle names, and
 * every call that ends sessions also queues the RPs' logout tokens
 * (docs/decisions/protocol.md §5). `ring` is the calling worker's key-ring cache.
 */
export function issuerStoreOf(
  env: IssuerStoreBindings,
  issuerId: string,
  ring: (now: number) => Promise<KeyRing>,
): IssuerStoreRpc {
  const db = createDb(env.DB);
  const store = shardedIssuerStore({
    shard: (index) => env.ISSUER_STORE.get(issuerStoreId(env.ISSUER_STORE, issuerId, index)),
    shardCount: () => readShardCount(db, issuerId),
  });
  return announcingLogouts(store, {
    db,
    issuerId,
    issuerUrl: issuerUrl(env.IDP_BASE_URL, issuerId),
    ring,
    queue: env.DELIVERIES,
  });
}
