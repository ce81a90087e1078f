import { and, eq, inArray } from "drizzle-orm";
import { insertNewRows } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { events, webhookAttempts, webhookDeliveries, webhooks } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { eventTypeMatches } from "../events/catalogue.ts";
import { buildEventRow, eventToWire, type WireEvent } from "../events/event.ts";
import { newId } from "../ids.ts";
import { nextRetryDelay, parseRetryAfter } from "./retry-schedule.ts";
import { isRetryable, sendDelivery } from "./send-delivery.ts";
import { signatureHeaders } from "./sign-delivery.ts";
import { type UrlPolicy, webhookUrlProblem } from "./url-policy.ts";
import { healthAfter } from "./webhook-health.ts";
import { usesBearer, usesSignature } from "./webhook-input.ts";
import { openBearerToken, openSigningSecret } from "./webhook-secrets.ts";
import type { DeliveryRow, WebhookRow } from "./webhook-wire.ts";

export interface DeliveryConfig {
  secretKey: string;
  urlPolicy: UrlPolicy;
  timeoutMs: number;
  /** Multiplies the retry schedule (1 in production; small in tests). */
  retryScale: number;
}

export function subscribes(webhook: Pick<WebhookRow, "events">, type: string): boolean {
  return (
    webhook.events.length === 0 || webhook.events.some((pattern) => eventTypeMatches(pattern, type))
  );
}

/**
 * Records one delivery per subscribed webhook (`active` or `failing`) for an event. The
 * (webhook, event) pair is unique, so a redelivered event message adds nothing; the new
 * deliveries are returned for the caller to schedule.
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
  const targets = candidates.filter((webhook) => subscribes(webhook, event.type));
  const [first, ...rest] = insertNewRows(
    db,
    webhookDeliveries,
    targets.map((webhook) => ({
      id: newId("delivery", now),
      webhookId: webhook.id,
      accountId: event.account_id,
      eventId: event.id,
      eventType: event.type,
      createdAt: now,
    })),
  );
  if (!first) return [];
  return (await db.batch([first, ...rest])).flat();
}

export interface AttemptOutcome {
  delivery: DeliveryRow;
  success: boolean;
  /** Seconds until the next attempt, or null when this delivery is finished. */
  retryInS: number | null;
  /** True when this attempt spent the last retry. */
  exhausted: boolean;
}

async function secretsOf(webhook: WebhookRow, key: string, now: number): Promise<string[]> {
  if (!usesSignature(webhook.authType) || !webhook.signatureSecretSealed) return [];
  const secrets = [await openSigningSecret(key, webhook.signatureSecretSealed)];
  if (webhook.previousSignatureSecretSealed && (webhook.previousSecretExpiresAt ?? 0) > now) {
    secrets.push(await openSigningSecret(key, webhook.previousSignatureSecretSealed));
  }
  return secrets;
}

/**
 * Makes one attempt of a delivery and records it: the attempt row, the delivery's state and
 * the webhook's health (with `webhook.disabled` when it gives up on the endpoint) in one batch.
 */
export async function attemptDelivery(
  deps: {
    db: Db;
    fetch: typeof fetch;
    now: () => number;
    config: DeliveryConfig;
    random?: () => number;
  },
  deliveryId: string,
): Promise<AttemptOutcome> {
  const { db, config } = deps;
  const delivery = await db.query.webhookDeliveries.findFirst({
    where: eq(webhookDeliveries.id, deliveryId),
  });
  if (!delivery) throw notFound("Delivery");
  const [webhook, eventRow] = await Promise.all([
    db.query.webhooks.findFirst({ where: eq(webhooks.id, delivery.webhookId) }),
    db.query.events.findFirst({ where: eq(events.id, delivery.eventId) }),
  ]);
  if (!webhook || !eventRow) throw notFound("Webhook");
  const started = deps.now();
  const body = JSON.stringify(eventToWire(eventRow));
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "AuthPI-Edge-Webhooks/1.0",
    ...signatureHeaders(
      await secretsOf(webhook, config.secretKey, started),
      delivery.id,
      started,
      body,
    ),
  };
  if (usesBearer(webhook.authType) && webhook.bearerTokenSealed) {
    headers.authorization = `Bearer ${await openBearerToken(config.secretKey, webhook.bearerTokenSealed)}`;
  }
  const refused = webhookUrlProblem(webhook.url, config.urlPolicy);
  const result = refused
    ? { status: null, latencyMs: 0, error: `url refused: ${refused}`, retryAfter: null }
    : await sendDelivery(deps.fetch, webhook.url, { headers, body, timeoutMs: config.timeoutMs });
  const now = deps.now();
  const success = result.status !== null && result.status >= 200 && result.status < 300;
  const attempt = delivery.attemptCount + 1;
  const retryInS =
    success || refused || !isRetryable(result)
      ? null
      : nextRetryDelay(attempt, {
          retryAfterS: parseRetryAfter(result.retryAfter, now),
          scale: config.retryScale,
          ...(deps.random ? { random: deps.random } : {}),
        });
  const next: DeliveryRow = {
    ...delivery,
    status: success ? "succeeded" : retryInS === null ? "failed" : "retrying",
    attemptCount: attempt,
    firstAttemptedAt: delivery.firstAttemptedAt ?? started,
    lastAttemptedAt: started,
    nextAttemptAt: retryInS === null ? null : now + retryInS * 1000,
    lastError: result.error,
    lastResponseStatus: result.status,
    lastLatencyMs: result.latencyMs,
    updatedAt: now,
  };
  const health = healthAfter(webhook, success, now);
  const { disabled, ...healthFields } = health;
  const statements = [
    db.insert(webhookAttempts).values({
      id: newId("attempt", now),
      deliveryId: delivery.id,
      webhookId: webhook.id,
      attempt,
      attemptedAt: started,
      responseStatus: result.status,
      latencyMs: result.latencyMs,
      error: result.error,
    }),
    db.update(webhookDeliveries).set(next).where(eq(webhookDeliveries.id, delivery.id)),
    db.update(webhooks).set(healthFields).where(eq(webhooks.id, webhook.id)),
  ] as const;
  if (disabled) {
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
    await db.batch([...statements, db.insert(events).values(event)]);
  } else {
    await db.batch(statements);
  }
  return {
    delivery: next,
    success,
    retryInS,
    exhausted: !success && retryInS === null && isRetryable(result),
  };
}
