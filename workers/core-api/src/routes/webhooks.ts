import { createDb } from "@authpi/domain/db";
import { enqueueDelivery } from "@authpi/domain/delivery-queue";
import { etagOf } from "@authpi/domain/etag";
import {
  createTestDelivery,
  createWebhook,
  deleteWebhook,
  deliveryToWire,
  getWebhook,
  listWebhooks,
  rotateSigningSecret,
  updateWebhook,
  webhookToWire,
} from "@authpi/domain/webhooks";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { AccountParams, errorResponses } from "../schemas/common.ts";
import {
  CreateWebhookBody,
  DeliverySchema,
  UpdateWebhookBody,
  WebhookListQuery,
  WebhookParams,
  WebhookSchema,
} from "../schemas/webhook.ts";
import { webhookConfig } from "../webhook-config.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/webhooks",
  item: "{webhook_id}",
  tags: ["Webhooks"],
  scope: "webhooks",
  scopes: { write: "webhooks:manage" },
  params: AccountParams,
  itemParams: WebhookParams,
  schema: WebhookSchema,
  noun: "webhook",
});

const routes = {
  create: table.create({
    summary: "Create a webhook; its signing secret and bearer token are shown once, in `auth`",
    body: CreateWebhookBody,
    text: "The webhook with its secrets",
  }),
  list: table.list({ summary: "List webhooks", query: WebhookListQuery }),
  get: table.get({ summary: "Get a webhook" }),
  update: table.update({
    summary: "Update a webhook; `status` pauses (`disabled`) or resumes (`active`) it",
    body: UpdateWebhookBody,
    responses: { 412: errorResponses[422] },
  }),
  delete: table.delete({
    summary: "Delete a webhook and its delivery log",
  }),
  rotate: table.action("rotate-secret", {
    summary: "Rotate the signing secret; the previous one keeps signing for 24 hours",
    text: "The webhook with its new secret",
  }),
  test: table.action("test", {
    summary: "Send a `webhook.test` event to this webhook",
    returns: DeliverySchema,
    status: 202,
    text: "The queued delivery",
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
