import { createDb } from "@authpi/domain/db";
import {
  deliveryToWire,
  getDeliveryDetail,
  listDeliveries,
  redeliverOne,
} from "@authpi/domain/webhooks";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import {
  DeliveryListQuery,
  DeliveryParams,
  DeliverySchema,
  DeliveryWithAttempts,
  WebhookParams,
} from "../schemas/webhook.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/webhooks/{webhook_id}/deliveries",
  item: "{delivery_id}",
  tags: ["Webhooks"],
  scope: "webhooks",
  scopes: { write: "webhooks:manage" },
  params: WebhookParams,
  itemParams: DeliveryParams,
  schema: DeliveryWithAttempts,
  noun: "delivery",
  plural: "deliveries",
});

const routes = {
  list: table.list({
    summary: "A webhook's deliveries with every attempt (status, latency, error), newest first",
    query: DeliveryListQuery,
  }),
  get: table.get({
    summary: "One delivery with every attempt; `last_error` says why a failed one failed",
  }),
  redeliver: table.action("redeliver", {
    summary:
      "Queue a delivery for another attempt now (a new run of the retry schedule); `success` says it was queued",
    returns: DeliverySchema.extend({ success: z.boolean() }),
    status: 202,
    text: "The delivery, queued for an attempt",
  }),
};

export const deliveryRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const { webhook_id } = c.req.valid("param");
    return c.json(
      await listDeliveries(
        createDb(c.env.DB),
        c.var.principal.accountId,
        webhook_id,
        c.req.valid("query"),
      ),
      200,
    );
  })
  .openapi(routes.get, async (c) => {
    const { webhook_id, delivery_id } = c.req.valid("param");
    const data = await getDeliveryDetail(
      createDb(c.env.DB),
      c.var.principal.accountId,
      webhook_id,
      delivery_id,
    );
    return c.json({ data }, 200);
  })
  .openapi(routes.redeliver, async (c) => {
    const { webhook_id, delivery_id } = c.req.valid("param");
    const delivery = await redeliverOne(
      { db: createDb(c.env.DB), queue: c.env.DELIVERIES, now: c.var.now },
      c.var.principal.accountId,
      webhook_id,
      delivery_id,
    );
    return c.json({ data: { ...deliveryToWire(delivery), success: true } }, 202);
  });
