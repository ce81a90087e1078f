import { and, eq, inArray } from "drizzle-orm";
import { inList, insertNewRows, runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { webhookDeliveries, webhooks } from "../db/schema.ts";
import { eventTypeMatches } from "../events/catalogue.ts";
import type { WireEvent } from "../events/event.ts";
import { newId } from "../ids.ts";
import type { DeliveryRow, WebhookRow } from "./webhook-wire.ts";

export function subscribes(webhook: Pick<WebhookRow, "events">, type: string): boolean {
  return (
    webhook.events.length === 0 || webhook.events.some((pattern) => eventTypeMatches(pattern, type))
  );
}

/**
 * Records one delivery per subscribed webhook (`active` or `failing`) for an event, due now,
 * in one batch. The (webhook, event) pair is unique, so a redelivered event message adds no
 * rows; it returns every delivery of the event not attempted yet (new ones, and any an
 * earlier run recorded but could not queue) for the caller to queue.
 */
export async function createDeliveries(
  db: Db,
  event: WireEvent,
  now: number,
): Promise<DeliveryRow[]> {
  const candidates = await db
    .select()
    .from(webhooks)
    .where(
      and(
        eq(webhooks.accountId, event.account_id),
        inArray(webhooks.status, ["active", "failing"]),
      ),
    );
  const targets = candidates.filter((webhook) => subscribes(webhook, event.type)).map((w) => w.id);
  if (targets.length === 0) return [];
  const rows = targets.map((webhookId) => ({
    id: newId("delivery", now),
    webhookId,
    accountId: event.account_id,
    eventId: event.id,
    eventType: event.type,
    nextAttemptAt: now,
    createdAt: now,
  }));
  await runBatch(db, insertNewRows(db, webhookDeliveries, rows));
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        inList(webhookDeliveries.webhookId, targets),
        eq(webhookDeliveries.eventId, event.id),
        eq(webhookDeliveries.status, "pending"),
        eq(webhookDeliveries.attemptCount, 0),
      ),
    );
}
