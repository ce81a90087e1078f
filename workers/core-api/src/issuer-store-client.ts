import { createDb } from "@authpi/domain/db";
import { issuerUrl, readShardCount } from "@authpi/domain/issuers";
import {
  announcingLogouts,
  type IssuerStoreRpc,
  issuerStoreId,
  shardedIssuerStore,
} from "@authpi/domain/oauth";
import type { SessionDeps } from "@authpi/domain/sessions";
import type { PersonalTokenDeps } from "@authpi/domain/tokens";
import type { Context } from "hono";
import type { AppEnv, Env } from "./env.ts";
import { keyRing } from "./key-ring.ts";
import { mutationContext } from "./mutation-context.ts";

/** The IdP's per-issuer Durable Objects (`script_name` binding) as one store over its shards. */
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

/** What managing an issuer's sessions needs: D1, its store, and who is acting. */
export function sessionDeps(c: Context<AppEnv>, issuerId: string): SessionDeps {
  return {
    db: createDb(c.env.DB),
    issuerId,
    store: issuerStore(c.env, issuerId),
    ctx: mutationContext(c),
  };
}

/** What managing an issuer's personal tokens needs: the same store, D1 and actor. */
export function personalTokenDeps(c: Context<AppEnv>, issuerId: string): PersonalTokenDeps {
  return {
    db: createDb(c.env.DB),
    issuerId,
    store: issuerStore(c.env, issuerId),
    ctx: mutationContext(c),
  };
}
