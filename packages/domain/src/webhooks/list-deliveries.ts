import { and, asc, desc, eq, gte, lt, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { events, webhookAttempts, webhookDeliveries } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { ListQuery, type Page, toPage } from "../pagination.ts";
import { getWebhook } from "./manage-webhooks.ts";
import { attemptToWire, type DeliveryRow, deliveryToWire } from "./webhook-wire.ts";

export const DeliveryFilters = ListQuery.extend({
  status: z.enum(["pending", "retrying", "succeeded", "failed"]).optional(),
  event_type: z.string().max(200).optional(),
  /** Created at or after / at or before, Unix ms. */
  after: z.coerce.number().int().min(0).optional(),
  before: z.coerce.number().int().min(0).optional(),
});

export type DeliveryWithAttempts = ReturnType<typeof deliveryToWire> & {
  attempts: ReturnType<typeof attemptToWire>[];
};

/** A webhook's deliveries, newest first, each with its attempts (status, latency, error). */
export async function listDeliveries(
  db: Db,
  accountId: string,
  webhookId: string,
  filters: z.output<typeof DeliveryFilters>,
): Promise<Page<DeliveryWithAttempts>> {
  await getWebhook(db, accountId, webhookId);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        filters.status ? eq(webhookDeliveries.status, filters.status) : undefined,
        filters.event_type ? eq(webhookDeliveries.eventType, filters.event_type) : undefined,
        filters.after !== undefined ? gte(webhookDeliveries.createdAt, filters.after) : undefined,
        filters.before !== undefined ? lte(webhookDeliveries.createdAt, filters.before) : undefined,
        filters.cursor ? lt(webhookDeliveries.id, filters.cursor) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(filters.limit + 1);
  const page = toPage(
    rows,
    filters.limit,
    (row) => row.id,
    (row) => row,
  );
  return { ...page, data: await Promise.all(page.data.map((row) => withAttempts(db, row))) };
}

/** A delivery on the wire with its attempts, oldest first (the last one says how it ended). */
async function withAttempts(db: Db, row: DeliveryRow) {
  const attempts = await db
    .select()
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, row.id))
    .orderBy(asc(webhookAttempts.attempt));
  return { ...deliveryToWire(row), attempts: attempts.map(attemptToWire) };
}

export async function getDelivery(
  db: Db,
  accountId: string,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryRow> {
  await getWebhook(db, accountId, webhookId);
  const row = await db.query.webhookDeliveries.findFirst({
    where: and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.webhookId, webhookId)),
  });
  if (!row) throw notFound("Delivery");
  return row;
}

/** One delivery of a webhook with its attempts; `last_error` says why a failed one failed. */
export async function getDeliveryDetail(
  db: Db,
  accountId: string,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryWithAttempts> {
  return withAttempts(db, await getDelivery(db, accountId, webhookId, deliveryId));
}

/**
 * A `webhook.test` event addressed to this webhook only: the event row and its delivery (due
 * now) are written in one batch; the caller queues the delivery.
 */
export async function createTestDelivery(
  db: Db,
  ctx: MutationContext,
  webhookId: string,
): Promise<DeliveryRow> {
  const webhook = await getWebhook(db, ctx.accountId, webhookId);
  const event = buildEventRow(ctx, {
    type: "webhook.test",
    subject: { type: "webhook", id: webhook.id },
    data: { message: "This is a test delivery from AuthPI Edge." },
  });
  const delivery: DeliveryRow = {
    id: newId("delivery", ctx.now),
    webhookId: webhook.id,
    accountId: ctx.accountId,
    eventId: event.id,
    eventType: "webhook.test",
    status: "pending",
    attemptCount: 0,
    firstAttemptedAt: null,
    lastAttemptedAt: null,
    nextAttemptAt: ctx.now,
    lastError: null,
    lastResponseStatus: null,
    lastLatencyMs: null,
    createdAt: ctx.now,
    updatedAt: null,
  };
  // The test event is for this webhook alone: mark it queued so the fan-out never sees it.
  await db.batch([
    db.insert(events).values({ ...event, queuedAt: ctx.now }),
    db.insert(webhookDeliveries).values(delivery),
  ]);
  return delivery;
}
