import { createDb } from "@authpi/domain/db";
import { readShardCount } from "@authpi/domain/issuers";
import type { IssuerStoreRpc } from "@authpi/domain/oauth";
import { issuerStoreId, shardedIssuerStore } from "@authpi/domain/oauth";
import type { Env } from "./env.ts";

/** The issuer's Durable Objects as one store: each call goes to the shard its handle names. */
export function issuerStore(env: Env, issuerId: string): IssuerStoreRpc {
  return shardedIssuerStore({
    shard: (index) => env.ISSUER_STORE.get(issuerStoreId(env.ISSUER_STORE, issuerId, index)),
    shardCount: () => readShardCount(createDb(env.DB), issuerId),
  });
}
