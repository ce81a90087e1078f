import { createDb } from "@authpi/domain/db/client";
import { enqueueDelivery } from "@authpi/domain/delivery-queue/enqueue-delivery";
import { etagOf } from "@authpi/domain/etag";
import { createTestDelivery } from "@authpi/domain/webhooks/list-deliveries";
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhooks,
  rotateSigningSecret,
  updateWebhook,
} from "@authpi/domain/webhooks/manage-webhooks";
import { deliveryToWire, webhookToWire } from "@authpi/domain/webhooks/webhook-wire";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  AccountParams,
  errorResponses,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";
import {
  CreateWebhookBody,
  DeliverySchema,
  UpdateWebhookBody,
  WebhookListQuery,
  WebhookParams,
  WebhookSchema,
} from "../schemas/webhook.ts";
import { webhookConfig } from "../webhook-config.ts";

const base = "/v1/accounts/{account_id}/webhooks";
const tags = ["Webhooks"];
const one = (description: string) => jsonResponse(single(WebhookSchema), description);

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    tags,
    middleware: [requireScope("webhooks:manage")] as const,
    summary: "Create a webhook; its signing secret and bearer token are shown once, in `auth`",
    request: { params: AccountParams, body: jsonBody(CreateWebhookBody) },
    responses: { 201: one("The webhook with its secrets"), ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List webhooks",
    middleware: [requireScope("webhooks:read")] as const,
    request: { params: AccountParams, query: WebhookListQuery },
    responses: { 200: jsonResponse(page(WebhookSchema), "A page of webhooks"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{webhook_id}`,
    tags,
    summary: "Get a webhook",
    middleware: [requireScope("webhooks:read")] as const,
    request: { params: WebhookParams },
    responses: { 200: one("The webhook"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{webhook_id}`,
    tags,
    middleware: [requireScope("webhooks:manage")] as const,
    summary: "Update a webhook; `status` pauses (`disabled`) or resumes (`active`) it",
    request: { params: WebhookParams, headers: IfMatchHeader, body: jsonBody(UpdateWebhookBody) },
    responses: { 200: one("The webhook"), 412: errorResponses[422], ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{webhook_id}`,
    tags,
    summary: "Delete a webhook and its delivery log",
    middleware: [requireScope("webhooks:manage")] as const,
    request: { params: WebhookParams, headers: IfMatchHeader },
    responses: { 204: { description: "Deleted" }, ...errorResponses },
  }),
  rotate: createRoute({
    method: "post",
    path: `${base}/{webhook_id}/rotate-secret`,
    tags,
    middleware: [requireScope("webhooks:manage")] as const,
    summary: "Rotate the signing secret; the previous one keeps signing for 24 hours",
    request: { params: WebhookParams },
    responses: { 200: one("The webhook with its new secret"), ...errorResponses },
  }),
  test: createRoute({
    method: "post",
    path: `${base}/{webhook_id}/test`,
    tags,
    middleware: [requireScope("webhooks:manage")] as const,
    summary: "Send a `webhook.test` event to this webhook",
    request: { params: WebhookParams },
    responses: {
      202: jsonResponse(single(DeliverySchema), "The queued delivery"),
      ...errorResponses,
    },
  }),
};

export const webhookRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const created = await createWebhook(
      createDb(c.env.DB),
      mutationContext(c),
      webhookConfig(c.env),
      c.req.valid("json"),
    );
    const wire = webhookToWire(created.webhook);
    c.header("ETag", etagOf(created.webhook));
    const auth = {
      ...wire.auth,
      ...(created.signatureSecret ? { signature_secret_plain: created.signatureSecret } : {}),
      ...(created.bearerToken ? { bearer_token_plain: created.bearerToken } : {}),
    };
    return c.json({ data: { ...wire, auth } }, 201);
  })
  .openapi(routes.list, async (c) => {
    return c.json(
      await listWebhooks(createDb(c.env.DB), c.var.principal.accountId, c.req.valid("query")),
      200,
    );
  })
  .openapi(routes.get, async (c) => {
    const webhook = await getWebhook(
      createDb(c.env.DB),
      c.var.principal.accountId,
      c.req.valid("param").webhook_id,
    );
    c.header("ETag", etagOf(webhook));
    return c.json({ data: webhookToWire(webhook) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const webhook = await updateWebhook(
      createDb(c.env.DB),
      mutationContext(c),
      webhookConfig(c.env),
      c.req.valid("param").webhook_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(webhook));
    return c.json({ data: webhookToWire(webhook) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    await deleteWebhook(
      createDb(c.env.DB),
      mutationContext(c),
      c.req.valid("param").webhook_id,
      c.req.valid("header")["if-match"],
    );
    return c.body(null, 204);
  })
  .openapi(routes.rotate, async (c) => {
    const rotated = await rotateSigningSecret(
      createDb(c.env.DB),
      mutationContext(c),
      webhookConfig(c.env),
      c.req.valid("param").webhook_id,
    );
    const wire = webhookToWire(rotated.webhook);
    return c.json(
      {
        data: { ...wire, auth: { ...wire.auth, signature_secret_plain: rotated.signatureSecret } },
      },
      200,
    );
  })
  .openapi(routes.test, async (c) => {
    const delivery = await createTestDelivery(
      createDb(c.env.DB),
      mutationContext(c),
      c.req.valid("param").webhook_id,
    );
    await enqueueDelivery(c.env.DELIVERIES, {
      delivery_id: delivery.id,
      attempt_count: 0,
      due_at: delivery.nextAttemptAt,
    });
    return c.json({ data: deliveryToWire(delivery) }, 202);
  });
