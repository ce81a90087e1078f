import { relayPendingEvents } from "@authpi/domain/events";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/** After a successful mutation, hand its events to the Queue without delaying the response. */
export const relayEvents = createMiddleware<AppEnv>(async function relayEvents(c, next) {
  await next();
  if (c.req.method !== "GET" && c.res.status < 400) {
    c.executionCtx.waitUntil(relayPendingEvents(c.env, Date.now()));
  }
});
