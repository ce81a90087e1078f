import { EventFilters } from "@authpi/domain/events";
import { ListQuery } from "@authpi/domain/pagination";
import {
  CreateWebhookInput,
  DeliveryFilters,
  RedeliverInput,
  UpdateWebhookInput,
} from "@authpi/domain/webhooks";
import { z } from "@hono/zod-openapi";
import { AccountParams, MetadataSchema } from "./common.ts";

export const WebhookSchema = z
  .object({
    id: z.string().openapi({ example: "wh_0gw3hcq8r2kfn7xj9tzm4be5a" }),
    account_id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    url: z.string(),
    status: z.string(),
    status_at: z.number().int().nullable(),
    status_reason: z.string().nullable(),
    status_by: z.string().nullable(),
    auth_type: z.string(),
    auth: z.record(z.string(), z.unknown()),
    events: z.array(z.string()),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("Webhook");

export const AttemptSchema = z
  .object({
    id: z.string(),
    attempt: z.number().int(),
    attempted_at: z.number().int(),
    response_status: z.number().int().nullable(),
    latency_ms: z.number().int(),
    error: z.string().nullable(),
  })
  .openapi("WebhookAttempt");

export const DeliverySchema = z
  .object({
    id: z.string(),
    webhook_id: z.string(),
    event_id: z.string(),
    event_type: z.string(),
    status: z.string(),
    attempt_count: z.number().int(),
    first_attempted_at: z.number().int().nullable(),
    last_attempted_at: z.number().int().nullable(),
    next_attempt_at: z.number().int().nullable(),
    retry_workflow_id: z.string().nullable(),
    attempt_budget: z.number().int().nullable(),
    last_error: z.string().nullable(),
    last_response_status: z.number().int().nullable(),
    last_latency_ms: z.number().int().nullable(),
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("WebhookDelivery");

export const DeliveryWithAttempts = DeliverySchema.extend({
  attempts: z.array(AttemptSchema),
}).openapi("WebhookDeliveryWithAttempts");

export const EventSchema = z
  .object({
    id: z.string(),
    spec: z.string(),
    type: z.string(),
    source: z.string(),
    timestamp: z.number(),
    occurred_at: z.number().int(),
    account_id: z.string(),
    issuer_id: z.string().nullable(),
    subject: z.object({ type: z.string(), id: z.string() }),
    actor: z.object({ type: z.string(), id: z.string().nullable() }),
    auth: z.object({ type: z.string(), id: z.string().nullable() }),
    request: z.record(z.string(), z.unknown()).nullable(),
    trace: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi("Event");

export const RedeliverBody = RedeliverInput.openapi("RedeliverWebhookDeliveriesInput");
export const RedeliverResult = z
  .object({
    webhook_id: z.string(),
    queued: z.number().int(),
    delivery_ids: z.array(z.string()),
    has_more: z.boolean(),
  })
  .openapi("RedeliverWebhookDeliveriesResult");

export const CreateWebhookBody = CreateWebhookInput.openapi("CreateWebhookInput");
export const UpdateWebhookBody = UpdateWebhookInput.openapi("UpdateWebhookInput");
/** `deleted` matches nothing: a deleted webhook is gone (hard delete). */
export const WebhookListQuery = ListQuery.extend({
  status: z.enum(["active", "failing", "disabled", "deleted"]).optional(),
});
export const DeliveryListQuery = DeliveryFilters;
export const EventListQuery = EventFilters;

export const WebhookParams = AccountParams.extend({
  webhook_id: z.string().openapi({ param: { name: "webhook_id", in: "path" } }),
});
export const DeliveryParams = WebhookParams.extend({
  delivery_id: z.string().openapi({ param: { name: "delivery_id", in: "path" } }),
});
export const EventParams = AccountParams.extend({
  event_id: z.string().openapi({ param: { name: "event_id", in: "path" } }),
});
