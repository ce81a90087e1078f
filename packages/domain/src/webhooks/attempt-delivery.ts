import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { events, webhookAttempts, webhookDeliveries, webhooks } from "../db/schema.ts";
import type { WebhookDeliveryMessage } from "../delivery-queue/delivery-message.ts";
import { type DeliveryQueue, enqueueDelivery } from "../delivery-queue/enqueue-delivery.ts";
import { isEarly, nextAttempt } from "../delivery-queue/next-attempt.ts";
import { parseRetryAfter } from "../delivery-queue/retry-schedule.ts";
import { eventToWire } from "../events/event.ts";
import { newId } from "../ids.ts";
import { healthStatements } from "./record-health.ts";
import { checkTarget } from "./resolve-target.ts";
import { isRetryable, type SendResult, sendDelivery } from "./send-delivery.ts";
import { signatureHeaders } from "./sign-delivery.ts";
import type { UrlPolicy } from "./url-policy.ts";
import { usesBearer, usesSignature } from "./webhook-input.ts";
import { openBearerToken, openSigningSecret } from "./webhook-secrets.ts";
import type { DeliveryRow, WebhookRow } from "./webhook-wire.ts";

export interface DeliveryConfig {
  secretKey: string;
  urlPolicy: UrlPolicy;
  timeoutMs: number;
  /** Multiplies the retry schedule (1 in production; small in tests). */
  retryScale: number;
  /** DNS-over-HTTPS JSON endpoint to resolve targets with before each attempt; null: none. */
  dohUrl: string | null;
}

export interface DeliveryDeps {
  db: Db;
  fetch: typeof fetch;
  now: () => number;
  config: DeliveryConfig;
  /** Where the next attempt is queued. */
  queue: DeliveryQueue;
  random?: () => number;
}

/** What one message came to: dropped (gone or superseded), re-queued to wait, or attempted. */
export type DeliveryStep =
  | { kind: "dropped"; reason: "gone" | "superseded" }
  | { kind: "waiting" }
  | {
      kind: "attempted";
      delivery: DeliveryRow;
      success: boolean;
      next: WebhookDeliveryMessage | null;
    };

/**
 * True while the message is the delivery's live one: the delivery is not finished, no attempt
 * happened since the message was queued, and it is due when the delivery says (a redelivery
 * or a retry queued by a run that then crashed gives a different time). Messages from before
 * these fields existed carry neither and count as live.
 */
export function isCurrent(delivery: DeliveryRow, message: WebhookDeliveryMessage): boolean {
  if (delivery.status !== "pending" && delivery.status !== "retrying") return false;
  if (message.attempt_count !== null && message.attempt_count !== delivery.attemptCount) {
    return false;
  }
  return message.due_at === null || delivery.nextAttemptAt === message.due_at;
}

async function secretsOf(webhook: WebhookRow, key: string, now: number): Promise<string[]> {
  if (!usesSignature(webhook.authType) || !webhook.signatureSecretSealed) return [];
  const secrets = [await openSigningSecret(key, webhook.signatureSecretSealed)];
  if (webhook.previousSignatureSecretSealed && (webhook.previousSecretExpiresAt ?? 0) > now) {
    secrets.push(await openSigningSecret(key, webhook.previousSignatureSecretSealed));
  }
  return secrets;
}

async function send(
  deps: DeliveryDeps,
  webhook: WebhookRow,
  delivery: DeliveryRow,
  body: string,
  started: number,
): Promise<SendResult & { refused: boolean }> {
  const { config } = deps;
  const verdict = await checkTarget(webhook.url, {
    policy: config.urlPolicy,
    dohUrl: config.dohUrl,
    fetch: deps.fetch,
    timeoutMs: config.timeoutMs,
  });
  if (!verdict.ok) {
    const error = "refused" in verdict ? `url refused: ${verdict.refused}` : verdict.unresolved;
    return { status: null, latencyMs: 0, error, retryAfter: null, refused: "refused" in verdict };
  }
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
  const result = await sendDelivery(deps.fetch, webhook.url, {
    headers,
    body,
    timeoutMs: config.timeoutMs,
    now: deps.now,
  });
  return { ...result, refused: false };
}

/**
 * Handles one delivery message: drops it when the delivery is gone, finished or superseded,
 * re-queues it when it is early (a chained long wait), else makes the attempt. A retryable
 * failure queues the next attempt on the schedule BEFORE anything is recorded, so a crash
 * here makes the Queue retry this message and nothing is lost; then the attempt, the
 * delivery's state and the webhook's health are written in one batch. A failure with no
 * attempt left marks the delivery `failed`.
 */
export async function runDelivery(
  deps: DeliveryDeps,
  message: WebhookDeliveryMessage,
): Promise<DeliveryStep> {
  const { db, config } = deps;
  const delivery = await db.query.webhookDeliveries.findFirst({
    where: eq(webhookDeliveries.id, message.delivery_id),
  });
  if (!delivery) return { kind: "dropped", reason: "gone" };
  if (!isCurrent(delivery, message)) return { kind: "dropped", reason: "superseded" };
  if (isEarly(message, deps.now())) {
    await enqueueDelivery(deps.queue, message, deps.now());
    return { kind: "waiting" };
  }
  const [webhook, eventRow] = await Promise.all([
    db.query.webhooks.findFirst({ where: eq(webhooks.id, delivery.webhookId) }),
    db.query.events.findFirst({ where: eq(events.id, delivery.eventId) }),
  ]);
  if (!webhook || !eventRow) return { kind: "dropped", reason: "gone" };
  const started = deps.now();
  const result = await send(
    deps,
    webhook,
    delivery,
    JSON.stringify(eventToWire(eventRow)),
    started,
  );
  const now = deps.now();
  const success = result.status !== null && result.status >= 200 && result.status < 300;
  const next =
    success || result.refused || !isRetryable(result)
      ? null
      : nextAttempt(message, now, {
          retryAfterS: parseRetryAfter(result.retryAfter, now),
          scale: config.retryScale,
          ...(deps.random ? { random: deps.random } : {}),
        });
  const attempt = delivery.attemptCount + 1;
  if (next) await enqueueDelivery(deps.queue, { ...next, attempt_count: attempt }, now);
  const updated: DeliveryRow = {
    ...delivery,
    status: success ? "succeeded" : next ? "retrying" : "failed",
    attemptCount: attempt,
    firstAttemptedAt: delivery.firstAttemptedAt ?? started,
    lastAttemptedAt: started,
    nextAttemptAt: next?.due_at ?? null,
    lastError: result.error,
    lastResponseStatus: result.status,
    lastLatencyMs: result.latencyMs,
    updatedAt: now,
  };
  await db.batch([
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
    db.update(webhookDeliveries).set(updated).where(eq(webhookDeliveries.id, delivery.id)),
    ...healthStatements(db, webhook, success, now),
  ]);
  return {
    kind: "attempted",
    delivery: updated,
    success,
    next: next ? { ...next, attempt_count: attempt } : null,
  };
}
