import { createDb } from "@authpi/domain/db";
import { aggregateEvents, getEvent, listEvents } from "@authpi/domain/events";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { AccountParams, jsonResponse, single } from "../schemas/common.ts";
import { AggregateSchema, EventAggregateQuery } from "../schemas/event-aggregate.ts";
import { EventListQuery, EventParams, EventSchema } from "../schemas/webhook.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/events",
  item: "{event_id}",
  tags: ["Events"],
  scope: "events",
  params: AccountParams,
  itemParams: EventParams,
  schema: EventSchema,
  noun: "event",
});

const routes = {
  list: table.list({
    summary:
      "The audit trail, newest first, filtered by issuer, user, client, type, subject, actor or time",
    query: EventListQuery,
  }),
  aggregate: table.read("aggregate", {
    summary: "Totals, a breakdown (group_by) or a time series (interval) of the filtered events",
    query: EventAggregateQuery,
    ok: jsonResponse(single(AggregateSchema), "The buckets"),
  }),
  get: table.get({ summary: "Get an event" }),
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
