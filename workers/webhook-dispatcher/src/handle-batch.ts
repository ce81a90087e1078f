import { createDb } from "@authpi/domain/db/client";
import { markDispatched } from "@authpi/domain/events/dispatch";
import { type EventMessage, isEventMessage } from "@authpi/domain/events/queue-message";
import { createDeliveries } from "@authpi/domain/webhooks/deliveries";
import type { Env } from "./env.ts";

/**
 * Fans each event out to its subscribed webhooks: one delivery row and one Queue message per
 * webhook. The event is acked only once its deliveries are recorded and queued, so a failure
 * here retries the whole event (delivery rows are unique per webhook and event).
 */
export async function handleEventBatch(batch: MessageBatch<EventMessage>, env: Env, now: number) {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    if (!isEventMessage(message.body)) {
      console.error("dropping malformed event message", message.id);
      message.ack();
      continue;
    }
    try {
      const created = await createDeliveries(db, message.body.event, now);
      if (created.length > 0) {
        await env.DELIVERIES.sendBatch(
          created.map((d) => ({ body: { delivery_id: d.id }, contentType: "json" as const })),
        );
      }
      await markDispatched(db, [message.body.event.id], now);
      message.ack();
    } catch (error) {
      console.error("event fan-out failed; the queue will retry it", message.body.event.id, error);
      message.retry();
    }
  }
}
