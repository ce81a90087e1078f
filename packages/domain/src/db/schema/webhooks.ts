import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { json, type Metadata, ms, statusTrail, timestamps } from "./columns.ts";

/**
 * Account-level webhook subscriptions. Secrets are sealed (AES-GCM) because the dispatcher
 * needs them in clear to sign and to send the bearer token; a rotation keeps the previous
 * signing secret for an overlap window.
 */
export const webhooks = sqliteTable(
  "webhooks",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    url: text("url").notNull(),
    /** `active` | `failing` | `disabled` */
    status: text("status").notNull().default("active"),
    ...statusTrail,
    /** Exact types and `prefix.*` patterns; empty means every event. */
    events: json<string[]>("events").notNull().default([]),
    /** `none` | `bearer` | `signature` | `bearer+signature` */
    authType: text("auth_type").notNull(),
    signatureSecretSealed: text("signature_secret_sealed"),
    signatureSecretHint: text("signature_secret_hint"),
    previousSignatureSecretSealed: text("previous_signature_secret_sealed"),
    previousSecretExpiresAt: ms("previous_secret_expires_at"),
    bearerTokenSealed: text("bearer_token_sealed"),
    bearerTokenHint: text("bearer_token_hint"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    failingSince: ms("failing_since"),
    metadata: json<Metadata>("metadata").notNull().default({}),
    ...timestamps,
  },
  (t) => [index("webhooks_account_idx").on(t.accountId, t.id)],
);

/** One event owed to one webhook: its id is the stable `webhook-id` receivers de-duplicate on. */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    webhookId: text("webhook_id").notNull(),
    accountId: text("account_id").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    /** `pending` | `retrying` | `succeeded` | `failed` */
    status: text("status").notNull().default("pending"),
    attemptCount: integer("attempt_count").notNull().default(0),
    firstAttemptedAt: ms("first_attempted_at"),
    lastAttemptedAt: ms("last_attempted_at"),
    nextAttemptAt: ms("next_attempt_at"),
    lastError: text("last_error"),
    lastResponseStatus: integer("last_response_status"),
    lastLatencyMs: integer("last_latency_ms"),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_idx").on(t.webhookId, t.eventId),
    index("webhook_deliveries_webhook_idx").on(t.webhookId, t.id),
  ],
);

/** Every attempt, kept for the delivery log. */
export const webhookAttempts = sqliteTable(
  "webhook_attempts",
  {
    id: text("id").primaryKey(),
    deliveryId: text("delivery_id").notNull(),
    webhookId: text("webhook_id").notNull(),
    attempt: integer("attempt").notNull(),
    attemptedAt: ms("attempted_at").notNull(),
    responseStatus: integer("response_status"),
    latencyMs: integer("latency_ms").notNull(),
    error: text("error"),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);
