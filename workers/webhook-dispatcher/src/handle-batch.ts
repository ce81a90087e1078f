import { createDb } from "@authpi/domain/db";
import type { DeliveryMessageInput } from "@authpi/domain/delivery-queue";
import { enqueueDelivery } from "@authpi/domain/delivery-queue";
import { isEventMessage, markDispatched } from "@authpi/domain/events";
import { createDeliveries } from "@authpi/domain/webhooks";
import type { Env } from "./env.ts";

/** Events that send the invitee an email (through the deliveries queue, with its retries). */
const MAILED_EVENTS: ReadonlySet<string> = new Set([
  "organization.invitation.created",
  "organization.invitation.resent",
]);

/**
 * Fans each event out to its subscribed webhooks: one delivery row and one Queue message per
 * webhook, plus an email message for invitation events. The event is acked only once its
 * deliveries are recorded and queued, so a failure here retries the whole event (delivery rows
 * are unique per webhook and event, and the retry queues any the first run could not).
 */
export async function handleEventBatch(batch: MessageBatch, env: Env, now: number) {
  const db = createDb(env.DB);
  for (const message of batch.messages) {
    const body = message.body;
    if (!isEventMessage(body)) {
      console.error("dropping malformed event message", message.id);
      message.ack();
      continue;
    }
    try {
      const { event } = body;
      const created = await createDeliveries(db, event, now);
      const outgoing: DeliveryMessageInput[] = created.map((d) => ({
        delivery_id: d.id,
        attempt_count: d.attemptCount,
        due_at: d.nextAttemptAt,
      }));
      if (MAILED_EVENTS.has(event.type) && typeof event.data.invitation_id === "string") {
        outgoing.push({
          mail: "invitation",
          invitation_id: event.data.invitation_id,
          event_id: event.id,
        });
      }
      await enqueueDelivery(env.DELIVERIES, outgoing, now);
      await markDispatched(db, [event.id], now);
      message.ack();
    } catch (error) {
      console.error("event fan-out failed; the queue will retry it", body.event.id, error);
      message.retry();
    }
  }
}
