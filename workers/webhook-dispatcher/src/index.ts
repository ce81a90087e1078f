import type { Env } from "./env.ts";
import { handleEventBatch } from "./handle-batch.ts";
import { handleDeadLetters } from "./handle-dead-letters.ts";
import { handleDeliveryBatch } from "./handle-deliveries.ts";
import { healthz } from "./healthz.ts";

export { MailLedger } from "./objects/mail-ledger-object.ts";

export default {
  async fetch(request, env) {
    if (new URL(request.url).pathname === "/healthz") return healthz(env);
    return new Response("authpi webhook dispatcher: consumes the events and deliveries queues", {
      status: 404,
    });
  },
  async queue(batch, env) {
    // Queue names differ per environment (`pnpm run deploy --env`), so they come from vars.
    if (batch.queue === env.DEAD_LETTER_QUEUE) await handleDeadLetters(batch, env, Date.now());
    else if (batch.queue === env.DELIVERIES_QUEUE) await handleDeliveryBatch(batch, env, Date.now);
    else await handleEventBatch(batch, env, Date.now());
  },
} satisfies ExportedHandler<Env>;
