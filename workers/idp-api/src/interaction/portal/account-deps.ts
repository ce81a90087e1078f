import { createDb } from "@authpi/domain/db";
import type { IssuerStoreRpc } from "@authpi/domain/oauth";
import type { SessionDeps } from "@authpi/domain/sessions";
import type { Context } from "hono";
import { mutationContext } from "../../mutation-context.ts";
import { issuerStore } from "../../store.ts";
import type { PageEnv } from "../contract.ts";
import type { AccountEnv } from "./portal-guard.ts";

/** The deps of the Core API's user and session functions, acting as the signed-in user. */
export function accountDeps(c: Context<AccountEnv>): SessionDeps & { store: IssuerStoreRpc } {
  const actor = { type: "user" as const, id: c.get("user").id };
  return {
    db: createDb(c.env.DB),
    store: issuerStore(c.env, c.get("issuer").id),
    issuerId: c.get("issuer").id,
    ctx: mutationContext(c, c.get("issuer").accountId, actor, c.get("now")),
  };
}

/** The same request as the sign-in wing's helpers type it (the portal's variables are extra). */
export function asPage(c: Context<AccountEnv>): Context<PageEnv> {
  return c as unknown as Context<PageEnv>;
}
