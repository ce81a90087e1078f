import { relayPendingEvents } from "@authpi/domain/events";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/** After a request that records events, hand them to the Queue without delaying the response. */
export const relayEvents = createMiddleware<AppEnv>(async function relayEvents(c, next) {
  await next();
  c.executionCtx.waitUntil(relayPendingEvents(c.env, Date.now()));
});
