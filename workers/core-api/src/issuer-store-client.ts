import { createDb } from "@authpi/domain/db";
import { type IssuerStoreRpc, issuerStoreOf } from "@authpi/domain/oauth";
import type { SessionDeps } from "@authpi/domain/sessions";
import type { PersonalTokenDeps } from "@authpi/domain/tokens";
import type { Context } from "hono";
import type { AppEnv, Env } from "./env.ts";
import { keyRing } from "./key-ring.ts";
import { mutationContext } from "./mutation-context.ts";

/** The IdP's per-issuer Durable Objects (`script_name` binding) as one store over its shards. */
export function issuerStore(env: Env, issuerId: string): IssuerStoreRpc {
  return issuerStoreOf(env, issuerId, (now) => keyRing(env, issuerId, now));
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
