import { createDb } from "@authpi/domain/db";
import { type IssuerStoreRpc, issuerStoreId } from "@authpi/domain/oauth";
import type { SessionDeps } from "@authpi/domain/sessions";
import type { PersonalTokenDeps } from "@authpi/domain/tokens";
import type { Context } from "hono";
import type { AppEnv, Env } from "./env.ts";
import { mutationContext } from "./mutation-context.ts";

/** The IdP's per-issuer Durable Object, reached through the `script_name` binding. */
export function issuerStore(env: Env, issuerId: string): IssuerStoreRpc {
  return env.ISSUER_STORE.get(issuerStoreId(env.ISSUER_STORE, issuerId));
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
