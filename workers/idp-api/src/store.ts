import { type IssuerStoreRpc, issuerStoreOf } from "@authpi/domain/oauth";
import type { Env } from "./env.ts";
import { keyRing } from "./key-ring.ts";

/** The issuer's Durable Objects as one store over its shards, announcing ended sessions. */
export function issuerStore(env: Env, issuerId: string): IssuerStoreRpc {
  return issuerStoreOf(env, issuerId, (now) => keyRing(env, issuerId, now));
}
