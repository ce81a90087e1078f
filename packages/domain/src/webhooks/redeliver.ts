import { and, asc, eq, gte, lt } from "drizzle-orm";
import { z } from "zod";
import { inList, runBatch } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { webhookDeliveries } from "../db/schema.ts";
import { type DeliveryQueue, enqueueDelivery } from "../delivery-queue/enqueue-delivery.ts";
import { getDelivery } from "./list-deliveries.ts";
import { getWebhook } from "./manage-webhooks.ts";
import type { DeliveryRow } from "./webhook-wire.ts";

/** Deliveries one call redelivers at most; `has_more` says to call again for the rest. */
export const REDELIVER_LIMIT = 500;

/** Which failed deliveries to send again: listed ids, a creation-time window, or both. */
export const RedeliverInput = z
  .strictObject({
    delivery_ids: z.array(z.string().min(1).max(100)).min(1).max(100).optional(),
    /** Created at or after (Unix ms). */
    after: z.number().int().min(0).optional(),
    /** Created before (Unix ms). */
    before: z.number().int().min(0).optional(),
  })
  .refine((v) => v.delivery_ids !== undefined || v.after !== undefined || v.before !== undefined, {
    message: "give delivery_ids or a time window (after, before)",
    path: ["delivery_ids"],
  });
export type RedeliverInput = z.output<typeof RedeliverInput>;

/** Puts rows back to their status and due time: one statement per (status, due time) group. */
function undoStatements(db: Db, rows: DeliveryRow[], now: number) {
  const groups = new Map<string, DeliveryRow[]>();
  for (const row of rows) {
    const key = `${row.status}|${row.nextAttemptAt}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) =>
    db
      .update(webhookDeliveries)
      .set({ status: group[0]?.status ?? "failed", nextAttemptAt: group[0]?.nextAttemptAt ?? null })
      .where(
        and(
          inList(
            webhookDeliveries.id,
            group.map((r) => r.id),
          ),
          eq(webhookDeliveries.nextAttemptAt, now),
        ),
      ),
  );
}

/**
 * Makes deliveries due now (`pending`, a new run of the retry schedule) and queues them. The
 * rows are written first, in one batch; if the Queue then refuses, they are put back as they
 * were and the error propagates, so nothing is left marked for an attempt that never comes.
 * A message already queued for one of them (a scheduled retry) no longer matches and is dropped.
 */
async function requeue(db: Db, queue: DeliveryQueue, rows: DeliveryRow[], now: number) {
  const due = { status: "pending", nextAttemptAt: now, updatedAt: now };
  if (rows.length === 0) return;
  await db
    .update(webhookDeliveries)
    .set(due)
    .where(
      inList(
        webhookDeliveries.id,
        rows.map((r) => r.id),
      ),
    );
  try {
    await enqueueDelivery(
      queue,
      rows.map((r) => ({
        delivery_id: r.id,
        attempt_count: r.attemptCount,
        attempt: 1,
        due_at: now,
      })),
      now,
    );
  } catch (error) {
    await runBatch(db, undoStatements(db, rows, now));
    throw error;
  }
}

/** Queues one delivery of a webhook for an attempt now, whatever its status (a resend). */
export async function redeliverOne(
  deps: { db: Db; queue: DeliveryQueue; now: number },
  accountId: string,
  webhookId: string,
  deliveryId: string,
): Promise<DeliveryRow> {
  const delivery = await getDelivery(deps.db, accountId, webhookId, deliveryId);
  await requeue(deps.db, deps.queue, [delivery], deps.now);
  return { ...delivery, status: "pending", nextAttemptAt: deps.now, updatedAt: deps.now };
}

/**
 * Queues a webhook's `failed` deliveries again (listed ids and/or created in a window), oldest
 * first, at most `REDELIVER_LIMIT` per call. The dispatcher then attempts each on the full
 * retry schedule; the answer says which were queued and whether more are left.
 */
export async function redeliverFailed(
  deps: { db: Db; queue: DeliveryQueue; now: number },
  accountId: string,
  webhookId: string,
  input: RedeliverInput,
): Promise<{ queued: number; delivery_ids: string[]; has_more: boolean }> {
  const { db } = deps;
  await getWebhook(db, accountId, webhookId);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        eq(webhookDeliveries.status, "failed"),
        input.delivery_ids ? inList(webhookDeliveries.id, input.delivery_ids) : undefined,
        input.after !== undefined ? gte(webhookDeliveries.createdAt, input.after) : undefined,
        input.before !== undefined ? lt(webhookDeliveries.createdAt, input.before) : undefined,
      ),
    )
    .orderBy(asc(webhookDeliveries.id))
    .limit(REDELIVER_LIMIT + 1);
  const batch = rows.slice(0, REDELIVER_LIMIT);
  await requeue(db, deps.queue, batch, deps.now);
  return {
    queued: batch.length,
    delivery_ids: batch.map((r) => r.id),
    has_more: rows.length > REDELIVER_LIMIT,
  };
}
