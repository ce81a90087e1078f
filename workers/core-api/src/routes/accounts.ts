import { getAccount, updateAccount } from "@authpi/domain/accounts";
import { PLATFORM_ISSUER_ID } from "@authpi/domain/api-keys";
import { createDb } from "@authpi/domain/db";
import { accountWithDomains } from "@authpi/domain/domains";
import { etagOf } from "@authpi/domain/etag";
import { ListQuery } from "@authpi/domain/pagination";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { AccountSchema, MeSchema, UpdateAccountBody } from "../schemas/account.ts";
import { AccountParams, errorResponses, jsonResponse, page, single } from "../schemas/common.ts";

const table = routeTable({
  path: "/v1/accounts",
  item: "{account_id}",
  tags: ["Accounts"],
  scope: "accounts",
  params: AccountParams,
  schema: AccountSchema,
  noun: "account",
});

const routes = {
  me: createRoute({
    method: "get",
    path: "/v1/me",
    operationId: "me.get",
    tags: ["Accounts"],
    summary: "Who the Core API considers the caller to be, and the accounts it can act on",
    responses: { 200: jsonResponse(single(MeSchema), "The caller"), ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: "/v1/accounts",
    tags: ["Accounts"],
    summary: "List the accounts the caller can act on (one for an API key)",
    request: { query: ListQuery },
    responses: { 200: jsonResponse(page(AccountSchema), "Accounts"), ...errorResponses },
  }),
  get: table.get({ summary: "Get the account" }),
  update: table.update({
    summary: "Update the account's name, description, logo, owner or metadata",
    body: UpdateAccountBody,
    responses: { 412: errorResponses[422] },
  }),
};

export const accountRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.me, (c) => {
    const { keyId, accountId, orgId, issuerId, scopes } = c.var.principal;
    // `CallerIdentity` of authpi-admin (docs/decisions/sdk-compatibility.md).
    return c.json(
      {
        data: {
          type: "api_key" as const,
          key_id: keyId,
          issuer_id: issuerId ?? PLATFORM_ISSUER_ID,
          accounts: [{ account_id: accountId, org_id: orgId, scopes }],
          organizations: [{ org_id: orgId, scopes }],
        },
      },
      200,
    );
  })
  .openapi(routes.list, async (c) => {
    const { cursor } = c.req.valid("query");
    const accountId = c.var.principal.accountId;
    // One account per key: the page after it is empty.
    const data = cursor ? [] : [await accountWithDomains(createDb(c.env.DB), accountId)];
    return c.json({ data, has_more: false, next_cursor: null }, 200);
  })
  .openapi(routes.get, async (c) => {
    const db = createDb(c.env.DB);
    const account = await getAccount(db, c.var.principal.accountId);
    c.header("ETag", etagOf(account));
    return c.json({ data: await accountWithDomains(db, account.id) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const db = createDb(c.env.DB);
    const account = await updateAccount(
      db,
      mutationContext(c),
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(account));
    return c.json({ data: await accountWithDomains(db, account.id) }, 200);
  });
