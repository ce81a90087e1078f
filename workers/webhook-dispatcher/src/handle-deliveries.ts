import { createDb } from "@authpi/domain/db/client";
import { attemptDelivery } from "@authpi/domain/webhooks/deliveries";
import { type DeliveryMessage, deliveryConfig, type Env } from "./env.ts";

/**
 * Attempts each delivery once. A retryable failure schedules a fresh message after the
 * backoff delay (the attempt count lives in D1, not in the Queue); a delivery that used up
 * its retries goes to the dead-letter queue.
 */
export async function handleDeliveryBatch(batch: MessageBatch<DeliveryMessage>, env: Env) {
  const deps = {
    db: createDb(env.DB),
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    now: Date.now,
    config: deliveryConfig(env),
  };
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        const outcome = await attemptDelivery(deps, message.body.delivery_id);
        if (outcome.retryInS !== null) {
          await env.DELIVERIES.send(
            { delivery_id: outcome.delivery.id },
            { delaySeconds: outcome.retryInS },
          );
        } else if (outcome.exhausted) {
          await env.DEAD_LETTERS.send({
            delivery_id: outcome.delivery.id,
            reason: outcome.delivery.lastError ?? "failed",
          });
        }
        message.ack();
      } catch (error) {
        console.error(
          "delivery attempt could not be recorded; the queue will retry",
          message.body.delivery_id,
          error,
        );
        message.retry({ delaySeconds: 30 });
      }
    }),
  );
}
