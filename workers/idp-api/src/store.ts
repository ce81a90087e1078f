import type { IssuerStoreRpc } from "@authpi/domain/oauth";
import { issuerStoreId } from "@authpi/domain/oauth";
import type { Env } from "./env.ts";

/** The issuer's Durable Object, typed by the shared contract. */
export function issuerStore(env: Env, issuerId: string): IssuerStoreRpc {
  return env.ISSUER_STORE.get(issuerStoreId(env.ISSUER_STORE, issuerId));
}
