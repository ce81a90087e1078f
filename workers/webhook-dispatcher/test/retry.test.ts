import type { WebhookDeliveryMessage } from "@authpi/domain/delivery-queue";
import { enqueueDelivery, MAX_QUEUE_DELAY_S } from "@authpi/domain/delivery-queue";
import { getDeliveryDetail } from "@authpi/domain/webhooks";
import { describe, expect, it, vi } from "vitest";
import { handleDeliveryBatch } from "../src/handle-deliveries.ts";
import { batchOf } from "./support/batch.ts";
import { receiver } from "./support/outside.ts";
import { captureQueue, db, deliveryRow, seedDelivery, testEnv } from "./support/seed.ts";

const T0 = 1_900_000_000_000;

/** One delivery message through the dispatcher at `now`, its next messages captured. */
async function deliverAt(message: unknown, now: number) {
  const { queue, sent } = captureQueue();
  const { batch, result } = batchOf("authpi-deliveries", [message]);
  const env = { ...testEnv, DELIVERIES: queue, WEBHOOK_RETRY_SCALE: "1" };
  await handleDeliveryBatch(batch, env, () => now);
  return { sent, result: await result() };
}

describe("retries on the Svix schedule", () => {
  it("retries a failing receiver on the Queue until it answers 2xx, with one webhook-id", async () => {
    const r = receiver();
    await r.script({ status: 500 }, { status: 503 }, { status: 429 });
    const { delivery, account } = await seedDelivery(r.url);
    await enqueueDelivery(testEnv.DELIVERIES, {
      delivery_id: delivery.id,
      attempt: 1,
      due_at: delivery.nextAttemptAt,
    });
    await vi.waitFor(
      async () => expect((await deliveryRow(delivery.id)).status).toBe("succeeded"),
      {
        timeout: 15_000,
        interval: 100,
      },
    );
    const detail = await getDeliveryDetail(db, account.accountId, delivery.webhookId, delivery.id);
    expect(detail.attempts.map((a) => a.response_status)).toEqual([500, 503, 429, 200]);
    const ids = new Set((await r.received()).map((m) => m.headers["webhook-id"]));
    expect([...ids]).toEqual([delivery.id]);
  });

  it("waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (±20 %), then marks the delivery failed", async () => {
    const r = receiver();
    await r.script(...Array.from({ length: 8 }, () => ({ status: 500 })));
    const { delivery } = await seedDelivery(r.url, T0);
    let message: WebhookDeliveryMessage = {
      delivery_id: delivery.id,
      attempt_count: 0,
      attempt: 1,
      due_at: T0,
    };
    let now = T0;
    const waits: number[] = [];
    // Standard Webhooks / Svix: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
    for (const expected of [5, 300, 1800, 7200, 18_000, 36_000, 36_000]) {
      const { sent, result } = await deliverAt(message, now);
      expect(result.explicitAcks).toEqual(["m0"]);
      const next = sent[0]?.body as WebhookDeliveryMessage;
      expect(sent).toHaveLength(1);
      const waitS = ((next.due_at ?? 0) - now) / 1000;
      expect(waitS).toBeGreaterThanOrEqual(expected * 0.8 - 1);
      expect(waitS).toBeLessThanOrEqual(expected * 1.2 + 1);
      expect(sent[0]?.delaySeconds).toBe(Math.ceil(waitS));
      expect(await deliveryRow(delivery.id)).toMatchObject({
        status: "retrying",
        nextAttemptAt: next.due_at,
      });
      waits.push(Math.round(waitS));
      message = next;
      now = next.due_at ?? now;
    }
    expect(message.attempt).toBe(8);
    const last = await deliverAt(message, now);
    expect(last.sent).toEqual([]);
    expect(await deliveryRow(delivery.id)).toMatchObject({
      status: "failed",
      attemptCount: 8,
      nextAttemptAt: null,
      lastResponseStatus: 500,
    });
    expect(await r.received()).toHaveLength(8);
  });

  it("chains a Retry-After longer than one Queue delay and attempts only when it is due", async () => {
    const r = receiver();
    await r.script({ status: 503, headers: { "retry-after": String(20 * 3600) } });
    const { delivery } = await seedDelivery(r.url, T0);
    const first = await deliverAt({ delivery_id: delivery.id, attempt: 1, due_at: T0 }, T0);
    const retry = first.sent[0];
    expect(retry?.delaySeconds).toBe(MAX_QUEUE_DELAY_S);
    expect(((retry?.body.due_at ?? 0) - T0) / 1000).toBe(20 * 3600);
    const halfway = await deliverAt(
      retry?.body as WebhookDeliveryMessage,
      T0 + MAX_QUEUE_DELAY_S * 1000,
    );
    expect(halfway.sent).toEqual([
      { body: retry?.body, delaySeconds: 20 * 3600 - MAX_QUEUE_DELAY_S },
    ]);
    expect(await r.received()).toHaveLength(1);
    await deliverAt(retry?.body as WebhookDeliveryMessage, T0 + 20 * 3600 * 1000);
    expect(await r.received()).toHaveLength(2);
    expect((await deliveryRow(delivery.id)).status).toBe("succeeded");
  });

  it("does not retry a 4xx or a redirect, and never follows the redirect", async () => {
    const r = receiver();
    await r.script({ status: 302, headers: { location: `${r.url}/elsewhere` } });
    const { delivery } = await seedDelivery(r.url, T0);
    const { sent } = await deliverAt({ delivery_id: delivery.id, attempt: 1, due_at: T0 }, T0);
    expect(sent).toEqual([]);
    expect(await deliveryRow(delivery.id)).toMatchObject({
      status: "failed",
      lastResponseStatus: 302,
    });
    expect((await r.received()).map((m) => m.path)).toEqual([new URL(r.url).pathname]);
  });

  it("drops a message a newer one replaced, and one for a finished delivery", async () => {
    const r = receiver();
    const { delivery } = await seedDelivery(r.url, T0);
    const stale = await deliverAt({ delivery_id: delivery.id, attempt: 1, due_at: T0 - 1 }, T0);
    expect(stale.result.explicitAcks).toEqual(["m0"]);
    expect(await r.received()).toHaveLength(0);
    await deliverAt({ delivery_id: delivery.id, attempt: 1, due_at: T0 }, T0);
    await deliverAt({ delivery_id: delivery.id, attempt: 1, due_at: T0 }, T0);
    expect(await r.received()).toHaveLength(1);
    const gone = await deliverAt({ delivery_id: "dlv_gone", attempt: 1, due_at: T0 }, T0);
    expect(gone.result.explicitAcks).toEqual(["m0"]);
  });
});
