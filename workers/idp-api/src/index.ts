import { relayPendingEvents } from "@authpi/domain/events";
import { app } from "./app.ts";
import type { Env } from "./env.ts";
import { rotateKeys } from "./key-ring.ts";

const KEY_ROTATION_CRON = "5 1 * * *";

export { IssuerStore } from "./objects/issuer-store-object.ts";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    const now = Date.now();
    if (controller.cron === KEY_ROTATION_CRON) ctx.waitUntil(rotateKeys(env, now));
    else ctx.waitUntil(relayPendingEvents(env, now, 30_000));
  },
} satisfies ExportedHandler<Env>;
