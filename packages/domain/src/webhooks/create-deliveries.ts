import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { webhookDeliveries, webhooks } from "../db/schema.ts";
import { eventTypeMatches } from "../events/catalogue.ts";
import type { WireEvent } from "../events/event.ts";
import { newId } from "../ids.ts";
import { chunkList } from "./chunk-list.ts";
import type { DeliveryRow, WebhookRow } from "./webhook-wire.ts";

/** Rows per multi-row insert: 9 bound values each (defaults included) stays under D1's 100. */
const INSERT_CHUNK = 8;
/** Ids per `IN (...)` read, with room for the other bound values. */
const ID_CHUNK = 90;

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
  const [first, ...rest] = chunkList(rows, INSERT_CHUNK).map((chunk) =>
    db.insert(webhookDeliveries).values(chunk).onConflictDoNothing(),
  );
  if (first) await db.batch([first, ...rest]);
  const unattempted = (ids: string[]): SQL | undefined =>
    and(
      inArray(webhookDeliveries.webhookId, ids),
      eq(webhookDeliveries.eventId, event.id),
      eq(webhookDeliveries.status, "pending"),
      eq(webhookDeliveries.attemptCount, 0),
    );
  const found = await Promise.all(
    chunkList(targets, ID_CHUNK).map((ids) =>
      db.select().from(webhookDeliveries).where(unattempted(ids)),
    ),
  );
  return found.flat();
}
