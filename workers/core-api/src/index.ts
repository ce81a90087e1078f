import { relayPendingEvents } from "@authpi/domain/events/relay-to-queue";
import { app } from "./app.ts";
import type { Env } from "./env.ts";

export default {
  fetch: app.fetch,
  async scheduled(_controller, env, ctx) {
    ctx.waitUntil(relayPendingEvents(env, Date.now(), 30_000));
  },
} satisfies ExportedHandler<Env>;
