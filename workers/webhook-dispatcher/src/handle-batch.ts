import { createDb } from "@authpi/domain/db/client";
import { markDispatched } from "@authpi/domain/events/dispatch";
import { type EventMessage, isEventMessage } from "@authpi/domain/events/queue-message";
import { createDeliveries } from "@authpi/domain/webhooks/deliveries";
import type { DeliveryMessage, Env } from "./env.ts";

/** Events that send the invitee an email (through the deliveries queue, with its retries). */
const MAILED_EVENTS: ReadonlySet<string> = new Set([
  "organization.invitation.created",
  "organization.invitation.resent",
]);

/**
 * Fans each event out to its subscribed webhooks: one delivery row and one Queue message per
 * webhook, plus an email message for invitation events. The event is acked only once its deliveries are recorded and queued, so a failure
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
      const { event } = message.body;
      const created = await createDeliveries(db, event, now);
      const outgoing: DeliveryMessage[] = created.map((d) => ({ delivery_id: d.id }));
      if (MAILED_EVENTS.has(event.type) && typeof event.data.invitation_id === "string") {
        outgoing.push({
          mail: "invitation",
          invitation_id: event.data.invitation_id,
          event_id: event.id,
        });
      }
      if (outgoing.length > 0) {
        await env.DELIVERIES.sendBatch(
          outgoing.map((body) => ({ body, contentType: "json" as const })),
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
