import { type IssuerStoreRpc, issuerStoreId } from "@authpi/domain/oauth/issuer-store";
import type { Env } from "./env.ts";

/** The IdP's per-issuer Durable Object, reached through the `script_name` binding. */
export function issuerStore(env: Env, issuerId: string): IssuerStoreRpc {
  const stub = env.ISSUER_STORE.get(issuerStoreId(env.ISSUER_STORE, issuerId));
  return stub as unknown as IssuerStoreRpc;
}
