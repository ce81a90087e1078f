import { webhookDeliveries } from "@authpi/domain/db";
import type { WebhookDeliveryMessage } from "@authpi/domain/delivery-queue";
import { seedAccount } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { handleEventBatch } from "../src/handle-batch.ts";
import { batchOf } from "./support/batch.ts";
import { receiver } from "./support/outside.ts";
import { captureQueue, db, seedEvent, seedWebhook, testEnv } from "./support/seed.ts";

const T0 = 1_900_000_000_000;

async function fanOut(event: unknown, now: number) {
  const { queue, sent } = captureQueue();
  const { batch, result } = batchOf("authpi-events", [{ v: 1, event }]);
  await handleEventBatch(batch, { ...testEnv, DELIVERIES: queue }, now);
  return { sent, result: await result() };
}

describe("event fan-out", () => {
  it("records and queues one delivery per subscribed webhook, past D1's 100 parameters", async () => {
    const account = await seedAccount(testEnv.DB);
    const r = receiver();
    for (let i = 0; i < 30; i++) await seedWebhook(r.url, { account, events: ["organization.*"] });
    await seedWebhook(r.url, { account, events: ["user.created"] });
    const event = await seedEvent(account.accountId, T0);
    const { sent, result } = await fanOut(event, T0);
    expect(result.explicitAcks).toEqual(["m0"]);
    expect(sent).toHaveLength(30);
    expect(sent.every((m) => m.delaySeconds === 0 && m.body.due_at === T0)).toBe(true);
    const rows = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.eventId, event.id));
    expect(rows).toHaveLength(30);
  });

  it("queues again what an interrupted run recorded but could not queue, and nothing twice once attempted", async () => {
    const account = await seedAccount(testEnv.DB);
    const r = receiver();
    await seedWebhook(r.url, { account });
    await seedWebhook(r.url, { account });
    const event = await seedEvent(account.accountId, T0);
    const first = await fanOut(event, T0);
    const [attempted] = first.sent.map((m) => m.body as WebhookDeliveryMessage);
    await db
      .update(webhookDeliveries)
      .set({ status: "succeeded", attemptCount: 1 })
      .where(eq(webhookDeliveries.id, attempted?.delivery_id ?? ""));
    const again = await fanOut(event, T0 + 60_000);
    expect(again.sent.map((m) => m.body)).toEqual([first.sent[1]?.body]);
  });

  it("adds the invitation email for invitation events", async () => {
    const account = await seedAccount(testEnv.DB);
    const event = {
      ...(await seedEvent(account.accountId, T0)),
      type: "organization.invitation.created",
      data: { invitation_id: "inv_1" },
    };
    const { sent } = await fanOut(event, T0);
    expect(sent.map((m) => m.body)).toEqual([
      { mail: "invitation", invitation_id: "inv_1", event_id: event.id, attempt: 1, due_at: null },
    ]);
  });
});
