import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { events, webhooks } from "../db/schema.ts";
import { buildEventRow } from "../events/event.ts";
import { healthAfter } from "./webhook-health.ts";
import type { WebhookRow } from "./webhook-wire.ts";

/**
 * The statements that record a webhook's health after one outcome: its status and failure
 * count, plus a `webhook.disabled` event when this failure gives up on the endpoint.
 */
export function healthStatements(db: Db, webhook: WebhookRow, ok: boolean, now: number) {
  const { disabled, ...health } = healthAfter(webhook, ok, now);
  const update = db.update(webhooks).set(health).where(eq(webhooks.id, webhook.id));
  if (!disabled) return [update] as const;
  const event = buildEventRow(
    {
      now,
      accountId: webhook.accountId,
      actor: { type: "system", id: null },
      source: "webhook-dispatcher",
    },
    {
      type: "webhook.disabled",
      subject: { type: "webhook", id: webhook.id },
      data: { reason: health.statusReason },
    },
  );
  return [update, db.insert(events).values(event)] as const;
}
