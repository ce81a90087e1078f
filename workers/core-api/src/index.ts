import "./zod-openapi.ts";
import { relayPendingEvents } from "@authpi/domain/events";
import { app } from "./app.ts";
import type { Env } from "./env.ts";

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(relayPendingEvents(env, Date.now(), 30_000));
  },
} satisfies ExportedHandler<Env>;
