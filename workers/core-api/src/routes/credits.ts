import { listLedger, recordTopup } from "@authpi/domain/credits";
import { createDb } from "@authpi/domain/db";
import { ListQuery } from "@authpi/domain/pagination";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { AccountParams, jsonBody, jsonResponse, page, single } from "../schemas/common.ts";
import { CreditLedgerEntrySchema, TopupBody, TopupResponseSchema } from "../schemas/credit.ts";
import { conflictResponses } from "../schemas/statuses.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/credits",
  tags: ["Credits"],
  scope: "credits",
  params: AccountParams,
  schema: TopupResponseSchema,
  noun: "top-up",
});

const routes = {
  ledger: table.read("ledger", {
    summary: "The account's credit ledger, newest entry first (micro-USD)",
    query: ListQuery,
    ok: jsonResponse(page(CreditLedgerEntrySchema), "Ledger entries"),
  }),
  topup: table.action("topups", {
    on: "collection",
    summary: "Record a top-up paid outside AuthPI Edge; idempotent by payment_reference",
    body: jsonBody(TopupBody),
    status: 201,
    text: "Recorded",
    responses: {
      200: jsonResponse(single(TopupResponseSchema), "Already recorded (duplicate)"),
      ...conflictResponses,
    },
  }),
};

export const creditRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.ledger, async (c) => {
    const accountId = c.var.principal.accountId;
    return c.json(await listLedger(createDb(c.env.DB), accountId, c.req.valid("query")), 200);
  })
  .openapi(routes.topup, async (c) => {
    const result = await recordTopup(createDb(c.env.DB), mutationContext(c), c.req.valid("json"));
    const data = {
      balance_μusd: result.balance,
      entry_id: result.entry.id,
      duplicate: result.duplicate,
      payment_reference: result.entry.externalReference as string,
    };
    return result.duplicate ? c.json({ data }, 200) : c.json({ data }, 201);
  });
