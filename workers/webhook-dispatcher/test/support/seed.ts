import { env } from "cloudflare:workers";
import { createDb, type Db, events, webhookDeliveries, webhooks } from "@authpi/domain/db";
import type { DeliveryMessage, DeliveryQueue } from "@authpi/domain/delivery-queue";
import { buildEventRow, eventToWire, type WireEvent } from "@authpi/domain/events";
import type { DeliveryRow, WebhookRow } from "@authpi/domain/webhooks";
import { createDeliveries, createWebhook } from "@authpi/domain/webhooks";
import { type SeededAccount, seedAccount } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import type { Env } from "../../src/env.ts";

/** The pool's bindings (wrangler.toml plus the test vars in vitest.config.ts). */
export const testEnv = env as unknown as Env;
export const db: Db = createDb(testEnv.DB);

/** A queue that records what the dispatcher would send, with each message's delay. */
export function captureQueue() {
  const sent: { body: DeliveryMessage; delaySeconds: number }[] = [];
  const sendBatch: DeliveryQueue["sendBatch"] = async (messages) => {
    for (const m of messages) sent.push({ body: m.body, delaySeconds: m.delaySeconds ?? 0 });
  };
  const queue = { sendBatch } as unknown as Queue<DeliveryMessage>;
  return { queue, sent };
}

/** A webhook of a fresh account pointing at `url` (development policy: http on loopback). */
export async function seedWebhook(
  url: string,
  options: { events?: string[]; auth?: "none" | "signature"; account?: SeededAccount } = {},
): Promise<{ account: SeededAccount; webhook: WebhookRow; secret: string | null }> {
  const account = options.account ?? (await seedAccount(testEnv.DB));
  const created = await createWebhook(
    db,
    account.ctx,
    { secretKey: testEnv.KEY_ENCRYPTION_SECRET, urlPolicy: "development" },
    {
      name: "test",
      url,
      events: options.events ?? [],
      auth: { type: options.auth ?? "signature" },
    },
  );
  return { account, webhook: created.webhook, secret: created.signatureSecret };
}

/** An event of the account (already relayed), as the events Queue carries it. */
export async function seedEvent(accountId: string, now = Date.now()): Promise<WireEvent> {
  const row = buildEventRow(
    { now, accountId, actor: { type: "system", id: null }, source: "webhook-dispatcher" },
    { type: "organization.created", subject: { type: "organization", id: "org_test" }, data: {} },
  );
  const [stored] = await db
    .insert(events)
    .values({ ...row, queuedAt: now })
    .returning();
  if (!stored) throw new Error("event not stored");
  return eventToWire(stored);
}

/** A webhook with one delivery due now, as the fan-out records it. */
export async function seedDelivery(url: string, now = Date.now()) {
  const seeded = await seedWebhook(url);
  const event = await seedEvent(seeded.account.accountId, now);
  const [delivery] = await createDeliveries(db, event, now);
  if (!delivery) throw new Error("the webhook did not subscribe");
  return { ...seeded, event, delivery };
}

export async function deliveryRow(id: string): Promise<DeliveryRow> {
  const row = await db.query.webhookDeliveries.findFirst({ where: eq(webhookDeliveries.id, id) });
  if (!row) throw new Error(`no delivery ${id}`);
  return row;
}

export async function webhookRow(id: string): Promise<WebhookRow> {
  const row = await db.query.webhooks.findFirst({ where: eq(webhooks.id, id) });
  if (!row) throw new Error(`no webhook ${id}`);
  return row;
}
