import type { webhookAttempts, webhookDeliveries, webhooks } from "../db/schema.ts";

export type WebhookRow = typeof webhooks.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

/** AuthPI's `Webhook` (+ `auth_type` of the list item); secrets only as hints. */
export function webhookToWire(row: WebhookRow) {
  return {
    id: row.id,
    account_id: row.accountId,
    name: row.name,
    description: row.description,
    url: row.url,
    status: row.status,
    status_at: row.statusAt,
    status_reason: row.statusReason,
    status_by: row.statusBy,
    auth_type: row.authType,
    auth: {
      type: row.authType,
      ...(row.signatureSecretHint
        ? { signature_algorithm: "hmac-sha256", signature_secret_hint: row.signatureSecretHint }
        : {}),
      ...(row.bearerTokenHint ? { bearer_token_hint: row.bearerTokenHint } : {}),
    },
    events: row.events,
    metadata: row.metadata,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/** AuthPI's `WebhookDeliveriesListItem`, plus the last attempt's latency. */
export function deliveryToWire(row: DeliveryRow) {
  return {
    id: row.id,
    webhook_id: row.webhookId,
    event_id: row.eventId,
    event_type: row.eventType,
    status: row.status,
    attempt_count: row.attemptCount,
    first_attempted_at: row.firstAttemptedAt,
    last_attempted_at: row.lastAttemptedAt,
    next_attempt_at: row.nextAttemptAt,
    retry_workflow_id: null,
    attempt_budget: null,
    last_error: row.lastError,
    last_response_status: row.lastResponseStatus,
    last_latency_ms: row.lastLatencyMs,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

export function attemptToWire(row: AttemptRow) {
  return {
    id: row.id,
    attempt: row.attempt,
    attempted_at: row.attemptedAt,
    response_status: row.responseStatus,
    latency_ms: row.latencyMs,
    error: row.error,
  };
}
