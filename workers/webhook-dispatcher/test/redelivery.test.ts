import { chunk as chunkList, webhookDeliveries } from "@authpi/domain/db";
import type { WebhookDeliveryMessage } from "@authpi/domain/delivery-queue";
import { enqueueDelivery } from "@authpi/domain/delivery-queue";
import { newId } from "@authpi/domain/ids";
import { REDELIVER_LIMIT, redeliverFailed, redeliverOne } from "@authpi/domain/webhooks";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { handleDeliveryBatch } from "../src/handle-deliveries.ts";
import { batchOf } from "./support/batch.ts";
import { receiver } from "./support/outside.ts";
import { captureQueue, db, deliveryRow, seedDelivery, testEnv } from "./support/seed.ts";

const T0 = 1_900_000_000_000;

async function deliverAt(message: unknown, now: number) {
  const { queue, sent } = captureQueue();
  const { batch } = batchOf("authpi-deliveries", [message]);
  await handleDeliveryBatch(
    batch,
    { ...testEnv, DELIVERIES: queue, WEBHOOK_RETRY_SCALE: "1" },
    () => now,
  );
  return sent;
}

/** `count` failed deliveries of one webhook, written directly (chunked inside one batch). */
async function seedFailed(webhookId: string, accountId: string, eventId: string, count: number) {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: newId("delivery", T0 + i),
    webhookId,
    accountId,
    eventId: `${eventId}_${i}`,
    eventType: "organization.created",
    status: "failed",
    attemptCount: 8,
    createdAt: T0 + i,
  }));
  const [first, ...rest] = chunkList(rows, 10).map((c) => db.insert(webhookDeliveries).values(c));
  if (first) await db.batch([first, ...rest]);
  return rows;
}

describe("redelivery through the deliveries Queue", () => {
  it("queues a failed delivery again and the dispatcher delivers it, with the same webhook-id", async () => {
    const r = receiver();
    await r.script({ status: 400 });
    const { delivery, account, webhook } = await seedDelivery(r.url);
    await enqueueDelivery(testEnv.DELIVERIES, {
      delivery_id: delivery.id,
      due_at: delivery.nextAttemptAt,
    });
    await vi.waitFor(async () => expect((await deliveryRow(delivery.id)).status).toBe("failed"), {
      timeout: 15_000,
      interval: 100,
    });
    const result = await redeliverFailed(
      { db, queue: testEnv.DELIVERIES, now: Date.now() },
      account.accountId,
      webhook.id,
      { delivery_ids: [delivery.id] },
    );
    expect(result).toEqual({ queued: 1, delivery_ids: [delivery.id], has_more: false });
    await vi.waitFor(
      async () => expect((await deliveryRow(delivery.id)).status).toBe("succeeded"),
      {
        timeout: 15_000,
        interval: 100,
      },
    );
    expect((await deliveryRow(delivery.id)).attemptCount).toBe(2);
    const received = await r.received();
    expect(received.map((m) => m.headers["webhook-id"])).toEqual([delivery.id, delivery.id]);
  });

  it("starts a new run of the schedule and supersedes a retry already queued", async () => {
    const r = receiver();
    await r.script({ status: 500 }, { status: 500 });
    const { delivery, account, webhook } = await seedDelivery(r.url, T0);
    const [scheduled] = await deliverAt({ delivery_id: delivery.id, attempt: 1, due_at: T0 }, T0);
    const { queue, sent } = captureQueue();
    const now = T0 + 1000;
    await redeliverOne({ db, queue, now }, account.accountId, webhook.id, delivery.id);
    expect(sent).toEqual([
      {
        body: { delivery_id: delivery.id, attempt_count: 1, attempt: 1, due_at: now },
        delaySeconds: 0,
      },
    ]);
    const [again] = await deliverAt(sent[0]?.body, now);
    expect((again?.body as WebhookDeliveryMessage | undefined)?.attempt).toBe(2);
    expect(await deliverAt(scheduled?.body, T0 + 10_000)).toEqual([]);
    // Even due at the very same time as the live retry, the replaced one is dropped.
    const live = (await deliveryRow(delivery.id)).nextAttemptAt;
    expect(await deliverAt({ ...scheduled?.body, due_at: live }, live ?? T0)).toEqual([]);
    expect(await r.received()).toHaveLength(2);
    expect((await deliveryRow(delivery.id)).nextAttemptAt).toBe(again?.body.due_at);
  });

  it("puts the deliveries back when the Queue refuses, so none waits for a message that never comes", async () => {
    const r = receiver();
    const { delivery, account, webhook } = await seedDelivery(r.url, T0);
    await db
      .update(webhookDeliveries)
      .set({ status: "failed", nextAttemptAt: null })
      .where(eq(webhookDeliveries.id, delivery.id));
    const broken = {
      async sendBatch() {
        throw new Error("Queue unavailable");
      },
    };
    await expect(
      redeliverFailed({ db, queue: broken, now: T0 + 5 }, account.accountId, webhook.id, {
        after: 0,
      }),
    ).rejects.toThrow("Queue unavailable");
    expect(await deliveryRow(delivery.id)).toMatchObject({ status: "failed", nextAttemptAt: null });
  });

  it("redelivers any number of failed deliveries in a window, 500 per call, in Queue batches of 100", async () => {
    const r = receiver();
    const { account, webhook, event } = await seedDelivery(r.url, T0);
    const rows = await seedFailed(webhook.id, account.accountId, event.id, REDELIVER_LIMIT + 20);
    const batches: number[] = [];
    const queue = {
      async sendBatch(messages: Iterable<unknown>) {
        batches.push([...messages].length);
      },
    };
    const deps = { db, queue, now: T0 + 10_000 };
    const first = await redeliverFailed(deps, account.accountId, webhook.id, {
      after: T0,
      before: T0 + 10_000,
    });
    expect(first).toMatchObject({ queued: REDELIVER_LIMIT, has_more: true });
    expect(batches).toEqual([100, 100, 100, 100, 100]);
    const second = await redeliverFailed(deps, account.accountId, webhook.id, { after: T0 });
    expect(second).toMatchObject({ queued: 20, has_more: false });
    const statuses = await db
      .select({ status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, webhook.id));
    expect(statuses.filter((s) => s.status === "pending")).toHaveLength(rows.length + 1);
  });
});
