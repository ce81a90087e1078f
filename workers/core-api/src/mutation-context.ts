import type { MutationContext } from "@authpi/domain/events";
import type { Context } from "hono";
import type { AppEnv } from "./env.ts";

/** Who is changing what, from the authenticated request: every mutation records it. */
export function mutationContext(c: Context<AppEnv>): MutationContext {
  return {
    now: c.var.now,
    accountId: c.var.principal.accountId,
    actor: { type: "api_key", id: c.var.principal.keyId },
    request: c.var.request,
    source: "core-api",
  };
}
