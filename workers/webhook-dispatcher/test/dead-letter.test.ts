import { events, webhookDeliveries, webhooks } from "@authpi/domain/db";
import { enqueueDelivery } from "@authpi/domain/delivery-queue";
import { FAILING_AFTER, getDeliveryDetail } from "@authpi/domain/webhooks";
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { handleDeadLetters } from "../src/handle-dead-letters.ts";
import { batchOf } from "./support/batch.ts";
import { receiver } from "./support/outside.ts";
import { db, deliveryRow, seedDelivery, testEnv, webhookRow } from "./support/seed.ts";

const T0 = 1_900_000_000_000;
const DAY = 24 * 3600_000;

async function deadLetter(body: unknown, now: number, attempts = 4) {
  const { batch, result } = batchOf("authpi-deliveries-dlq", [body], attempts);
  await handleDeadLetters(batch, testEnv, now);
  return result();
}

describe("the deliveries dead-letter queue", () => {
  it("ends a message the dispatcher cannot process as a failed delivery with the reason", async () => {
    const r = receiver();
    const { delivery, account, webhook } = await seedDelivery(r.url);
    // A sealed secret that no longer opens: every try throws, so Queues dead-letters it.
    await db
      .update(webhooks)
      .set({ signatureSecretSealed: "v1.broken" })
      .where(eq(webhooks.id, webhook.id));
    await enqueueDelivery(testEnv.DELIVERIES, {
      delivery_id: delivery.id,
      due_at: delivery.nextAttemptAt,
    });
    await vi.waitFor(async () => expect((await deliveryRow(delivery.id)).status).toBe("failed"), {
      timeout: 20_000,
      interval: 100,
    });
    const detail = await getDeliveryDetail(db, account.accountId, webhook.id, delivery.id);
    expect(detail).toMatchObject({ status: "failed", next_attempt_at: null, attempts: [] });
    expect(detail.last_error).toMatch(
      /^dead-lettered: the dispatcher could not process attempt 1 \(\d+ tries\)/,
    );
    expect((await webhookRow(webhook.id)).consecutiveFailures).toBe(1);
    expect(await r.received()).toHaveLength(0);
  });

  it("keeps the last attempt's error and turns the webhook failing after repeated dead letters", async () => {
    const r = receiver();
    const { delivery, webhook } = await seedDelivery(r.url, T0);
    await db
      .update(webhooks)
      .set({ consecutiveFailures: FAILING_AFTER - 1, failingSince: T0 })
      .where(eq(webhooks.id, webhook.id));
    await db
      .update(webhookDeliveries)
      .set({ status: "retrying", lastError: "HTTP 503: nope" })
      .where(eq(webhookDeliveries.id, delivery.id));
    const result = await deadLetter(
      { delivery_id: delivery.id, attempt: 3, due_at: T0 },
      T0 + 1000,
    );
    expect(result.explicitAcks).toEqual(["m0"]);
    expect((await deliveryRow(delivery.id)).lastError).toBe(
      "dead-lettered: the dispatcher could not process attempt 3 (4 tries); last error: HTTP 503: nope",
    );
    expect(await webhookRow(webhook.id)).toMatchObject({
      status: "failing",
      consecutiveFailures: FAILING_AFTER,
    });
  });

  it("disables a webhook that has failed for 3 days, with a webhook.disabled event", async () => {
    const r = receiver();
    const { delivery, webhook } = await seedDelivery(r.url, T0);
    await db
      .update(webhooks)
      .set({ status: "failing", consecutiveFailures: 40, failingSince: T0 - 3 * DAY })
      .where(eq(webhooks.id, webhook.id));
    await deadLetter({ delivery_id: delivery.id, due_at: T0 }, T0);
    expect((await webhookRow(webhook.id)).status).toBe("disabled");
    const disabled = await db
      .select()
      .from(events)
      .where(and(eq(events.subjectId, webhook.id), eq(events.type, "webhook.disabled")));
    expect(disabled).toHaveLength(1);
  });

  it("leaves a finished or superseded delivery as it is, and acks mail and junk", async () => {
    const r = receiver();
    const { delivery, webhook } = await seedDelivery(r.url, T0);
    await deadLetter({ delivery_id: delivery.id, due_at: T0 - 5 }, T0);
    expect((await deliveryRow(delivery.id)).status).toBe("pending");
    const junk = await deadLetter({ nonsense: true }, T0);
    expect(junk.explicitAcks).toEqual(["m0"]);
    const mail = await deadLetter(
      { mail: "invitation", invitation_id: "inv_x", event_id: "evt_x" },
      T0,
    );
    expect(mail.explicitAcks).toEqual(["m0"]);
    expect((await webhookRow(webhook.id)).consecutiveFailures).toBe(0);
  });
});
