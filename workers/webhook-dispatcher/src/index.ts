import type { EventMessage } from "@authpi/domain/events/queue-message";
import type { DeliveryMessage, Env } from "./env.ts";
import { handleEventBatch } from "./handle-batch.ts";
import { handleDeliveryBatch } from "./handle-deliveries.ts";

export default {
  async fetch() {
    return new Response("authpi webhook dispatcher: consumes the events and deliveries queues", {
      status: 404,
    });
  },
  async queue(batch, env) {
    if (batch.queue.startsWith("authpi-deliveries")) {
      await handleDeliveryBatch(batch as MessageBatch<DeliveryMessage>, env);
    } else {
      await handleEventBatch(batch as MessageBatch<EventMessage>, env, Date.now());
    }
  },
} satisfies ExportedHandler<Env, EventMessage | DeliveryMessage>;
