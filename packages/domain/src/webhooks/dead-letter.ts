import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { webhookDeliveries, webhooks } from "../db/schema.ts";
import type { WebhookDeliveryMessage } from "../delivery-queue/delivery-message.ts";
import { isCurrent } from "./attempt-delivery.ts";
import { healthStatements } from "./record-health.ts";
import type { DeliveryRow } from "./webhook-wire.ts";

/**
 * Turns a dead-lettered delivery message (Queues gave up on it after the consumer failed it
 * `tries` times) into a `failed` delivery that says why, and counts it against the webhook's
 * health. A message that is no longer the delivery's live one changes nothing.
 */
export async function failDeadLetter(
  db: Db,
  message: WebhookDeliveryMessage,
  tries: number,
  now: number,
): Promise<DeliveryRow | null> {
  const delivery = await db.query.webhookDeliveries.findFirst({
    where: eq(webhookDeliveries.id, message.delivery_id),
  });
  if (!delivery || !isCurrent(delivery, message)) return null;
  const webhook = await db.query.webhooks.findFirst({ where: eq(webhooks.id, delivery.webhookId) });
  const reason = `dead-lettered: the dispatcher could not process attempt ${message.attempt} (${tries} tries)${
    delivery.lastError ? `; last error: ${delivery.lastError}` : ""
  }`;
  const failed: DeliveryRow = {
    ...delivery,
    status: "failed",
    nextAttemptAt: null,
    lastError: reason.slice(0, 2000),
    updatedAt: now,
  };
  await db.batch([
    db.update(webhookDeliveries).set(failed).where(eq(webhookDeliveries.id, delivery.id)),
    ...(webhook ? healthStatements(db, webhook, false, now) : []),
  ]);
  return failed;
}
