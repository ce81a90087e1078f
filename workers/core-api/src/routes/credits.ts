import { listLedger, recordTopup } from "@authpi/domain/credits/manage-credits";
import { createDb } from "@authpi/domain/db/client";
import { ListQuery } from "@authpi/domain/pagination";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  AccountParams,
  errorResponses,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";
import { CreditLedgerEntrySchema, TopupBody, TopupResponseSchema } from "../schemas/credit.ts";
import { conflictResponses } from "../schemas/statuses.ts";

const base = "/v1/accounts/{account_id}/credits";
const tags = ["Credits"];
const topup = (description: string) => jsonResponse(single(TopupResponseSchema), description);

const routes = {
  ledger: createRoute({
    method: "get",
    path: `${base}/ledger`,
    tags,
    summary: "The account's credit ledger, newest entry first (micro-USD)",
    middleware: [requireScope("credits:read")] as const,
    request: { params: AccountParams, query: ListQuery },
    responses: {
      200: jsonResponse(page(CreditLedgerEntrySchema), "Ledger entries"),
      ...errorResponses,
    },
  }),
  topup: createRoute({
    method: "post",
    path: `${base}/topups`,
    tags,
    summary: "Record a top-up paid outside AuthPI Edge; idempotent by payment_reference",
    middleware: [requireScope("credits:write")] as const,
    request: { params: AccountParams, body: jsonBody(TopupBody) },
    responses: {
      201: topup("Recorded"),
      200: topup("Already recorded (duplicate)"),
      ...conflictResponses,
      ...errorResponses,
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
