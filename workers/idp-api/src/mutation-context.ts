import type { EventActor, MutationContext } from "@authpi/domain/events/event";
import type { Context } from "hono";

/** Who and where for events recorded by the IdP worker. */
export function mutationContext(
  c: Context,
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
      request_id: c.req.header("cf-ray") ?? crypto.randomUUID(),
    },
  };
}
