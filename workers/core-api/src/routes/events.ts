import { createDb } from "@authpi/domain/db/client";
import { aggregateEvents } from "@authpi/domain/events/aggregate-events";
import { getEvent, listEvents } from "@authpi/domain/events/list-events";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { openApiApp } from "../openapi.ts";
import { AccountParams, errorResponses, jsonResponse, page, single } from "../schemas/common.ts";
import { AggregateSchema, EventAggregateQuery } from "../schemas/event-aggregate.ts";
import { EventListQuery, EventParams, EventSchema } from "../schemas/webhook.ts";

const base = "/v1/accounts/{account_id}/events";
const tags = ["Events"];

const routes = {
  list: createRoute({
    method: "get",
    path: base,
    tags,
    middleware: [requireScope("events:read")] as const,
    summary:
      "The audit trail, newest first, filtered by issuer, user, client, type, subject, actor or time",
    request: { params: AccountParams, query: EventListQuery },
    responses: { 200: jsonResponse(page(EventSchema), "A page of events"), ...errorResponses },
  }),
  aggregate: createRoute({
    method: "get",
    path: `${base}/aggregate`,
    tags,
    middleware: [requireScope("events:read")] as const,
    summary: "Totals, a breakdown (group_by) or a time series (interval) of the filtered events",
    request: { params: AccountParams, query: EventAggregateQuery },
    responses: { 200: jsonResponse(single(AggregateSchema), "The buckets"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{event_id}`,
    tags,
    summary: "Get an event",
    middleware: [requireScope("events:read")] as const,
    request: { params: EventParams },
    responses: { 200: jsonResponse(single(EventSchema), "The event"), ...errorResponses },
  }),
};

export const eventRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    return c.json(
      await listEvents(createDb(c.env.DB), c.var.principal.accountId, c.req.valid("query")),
      200,
    );
  })
  // Registered before `/{event_id}`, which would otherwise read "aggregate" as an id.
  .openapi(routes.aggregate, async (c) => {
    const result = await aggregateEvents(
      createDb(c.env.DB),
      c.var.principal.accountId,
      c.req.valid("query"),
    );
    return c.json({ data: result }, 200);
  })
  .openapi(routes.get, async (c) => {
    const event = await getEvent(
      createDb(c.env.DB),
      c.var.principal.accountId,
      c.req.valid("param").event_id,
    );
    return c.json({ data: event }, 200);
  });
