import { env } from "cloudflare:workers";
import { webhookAttempts, webhookDeliveries } from "@authpi/domain/db";
import { newId } from "@authpi/domain/ids";
import { seedAccount } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

async function webhookWithFailedDelivery() {
  const s = await seedAccount(DB);
  const base = `/v1/accounts/${s.accountId}/webhooks`;
  const created = await apiCall("POST", base, s.basicAuth, {
    name: "sink",
    url: "https://hooks.example.com/authpi",
    auth: { type: "signature" },
  });
  const webhook = await dataOf<{ id: string }>(created);
  const now = Date.now();
  const delivery = {
    id: newId("delivery", now),
    webhookId: webhook.id,
    accountId: s.accountId,
    eventId: "evt_00000000000000000000000001",
    eventType: "user.created",
    status: "failed",
    attemptCount: 8,
    lastError: "HTTP 500: nope",
    createdAt: now,
  };
  await s.db.insert(webhookDeliveries).values(delivery);
  return { s, path: `${base}/${webhook.id}`, delivery };
}

describe("webhook redelivery in the Core API queues, the dispatcher attempts", () => {
  it("queues failed deliveries listed by id or in a window (202), with no attempt made here", async () => {
    const { s, path, delivery } = await webhookWithFailedDelivery();
    const byId = await apiCall("POST", `${path}/redeliver`, s.basicAuth, {
      delivery_ids: [delivery.id],
    });
    expect(byId.status).toBe(202);
    expect(await dataOf(byId)).toMatchObject({
      queued: 1,
      delivery_ids: [delivery.id],
      has_more: false,
    });
    const [row] = await s.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, delivery.id));
    expect(row).toMatchObject({ status: "pending", attemptCount: 8 });
    expect(row?.nextAttemptAt).toEqual(expect.any(Number));
    const attempts = await s.db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, delivery.id));
    expect(attempts).toEqual([]);
    // No longer failed, so a window over it finds nothing more to queue.
    const window = await apiCall("POST", `${path}/redeliver`, s.basicAuth, { after: 0 });
    expect(await dataOf(window)).toMatchObject({ queued: 0, delivery_ids: [] });
  });

  it("queues one delivery again with the SDK's response shape", async () => {
    const { s, path, delivery } = await webhookWithFailedDelivery();
    const one = await apiCall("POST", `${path}/deliveries/${delivery.id}/redeliver`, s.basicAuth);
    expect(one.status).toBe(202);
    expect(await dataOf(one)).toMatchObject({
      id: delivery.id,
      status: "pending",
      attempt_count: 8,
      success: true,
    });
  });

  it("gets one delivery with its attempts and reason, and refuses a selection-less body", async () => {
    const { s, path, delivery } = await webhookWithFailedDelivery();
    const got = await apiCall("GET", `${path}/deliveries/${delivery.id}`, s.basicAuth);
    expect(got.status).toBe(200);
    expect(await dataOf(got)).toMatchObject({
      id: delivery.id,
      status: "failed",
      last_error: "HTTP 500: nope",
      attempts: [],
    });
    const empty = await apiCall("POST", `${path}/redeliver`, s.basicAuth, {});
    expect(empty.status).toBe(422);
    const tooMany = await apiCall("POST", `${path}/redeliver`, s.basicAuth, {
      delivery_ids: Array.from({ length: 101 }, (_, i) => `dlv_${i}`),
    });
    expect(tooMany.status).toBe(422);
  });

  it("never reaches another account's webhook or delivery", async () => {
    const mine = await webhookWithFailedDelivery();
    const theirs = await webhookWithFailedDelivery();
    const otherWebhook = theirs.path.split("/").pop();
    const base = `/v1/accounts/${mine.s.accountId}/webhooks`;
    for (const [method, path, body] of [
      ["POST", `${base}/${otherWebhook}/redeliver`, { after: 0 }],
      ["POST", `${mine.path}/deliveries/${theirs.delivery.id}/redeliver`, undefined],
      ["GET", `${mine.path}/deliveries/${theirs.delivery.id}`, undefined],
    ] as const) {
      expect((await apiCall(method, path, mine.s.basicAuth, body)).status, path).toBe(404);
    }
    const [row] = await theirs.s.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, theirs.delivery.id));
    expect(row?.status).toBe("failed");
  });
});
