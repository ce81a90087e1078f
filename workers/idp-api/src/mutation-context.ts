import type { EventActor, MutationContext } from "@authpi/domain/events";
import type { Context } from "hono";
import type { AppEnv } from "./env.ts";

/** Who and where for events recorded by the IdP worker. */
export function mutationContext<E extends AppEnv>(
  c: Context<E>,
  accountId: string,
  actor: EventActor,
  now: number,
): MutationContext {
  return {
    now,
    accountId,
    actor,
    source: "idp-api",
    request: {
      ip: c.req.header("cf-connecting-ip") ?? null,
      user_agent: c.req.header("user-agent") ?? null,
      request_id: c.get("requestId"),
    },
  };
}
