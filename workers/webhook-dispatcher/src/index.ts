import type { Env } from "./env.ts";
import { handleEventBatch } from "./handle-batch.ts";
import { handleDeadLetters } from "./handle-dead-letters.ts";
import { handleDeliveryBatch } from "./handle-deliveries.ts";

const DELIVERIES_QUEUE = "authpi-deliveries";
const DEAD_LETTER_QUEUE = "authpi-deliveries-dlq";

export default {
  async fetch() {
    return new Response("authpi webhook dispatcher: consumes the events and deliveries queues", {
      status: 404,
    });
  },
  async queue(batch, env) {
    if (batch.queue === DEAD_LETTER_QUEUE) await handleDeadLetters(batch, env, Date.now());
    else if (batch.queue === DELIVERIES_QUEUE) await handleDeliveryBatch(batch, env, Date.now);
    else await handleEventBatch(batch, env, Date.now());
  },
} satisfies ExportedHandler<Env>;
