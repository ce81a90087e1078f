import { createDb } from "@authpi/domain/db/client";
import { createIssuer } from "@authpi/domain/issuers/create-issuer";
import { getAccountIssuer } from "@authpi/domain/issuers/find-issuer";
import { issuerToWire } from "@authpi/domain/issuers/issuer-wire";
import { listIssuers } from "@authpi/domain/issuers/list-issuers";
import { ListQuery } from "@authpi/domain/pagination";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  AccountParams,
  errorResponses,
  IssuerParams,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";
import { CreateIssuerBody, IssuerSchema } from "../schemas/issuer.ts";

const base = "/v1/accounts/{account_id}/issuers";

const create = createRoute({
  method: "post",
  path: base,
  tags: ["Issuers"],
  summary: "Create an issuer",
  middleware: [requireScope("issuers:write")] as const,
  request: { params: AccountParams, body: jsonBody(CreateIssuerBody) },
  responses: { 201: jsonResponse(single(IssuerSchema), "The issuer"), ...errorResponses },
});

const list = createRoute({
  method: "get",
  path: base,
  tags: ["Issuers"],
  summary: "List issuers, newest first",
  middleware: [requireScope("issuers:read")] as const,
  request: { params: AccountParams, query: ListQuery },
  responses: { 200: jsonResponse(page(IssuerSchema), "A page of issuers"), ...errorResponses },
});

const get = createRoute({
  method: "get",
  path: `${base}/{issuer_id}`,
  tags: ["Issuers"],
  summary: "Get an issuer",
  middleware: [requireScope("issuers:read")] as const,
  request: { params: IssuerParams },
  responses: { 200: jsonResponse(single(IssuerSchema), "The issuer"), ...errorResponses },
});

export const issuerRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(create, async (c) => {
    const issuer = await createIssuer(createDb(c.env.DB), mutationContext(c), c.req.valid("json"));
    c.header("ETag", `"${issuer.createdAt}"`);
    return c.json({ data: issuerToWire(issuer) }, 201);
  })
  .openapi(list, async (c) => {
    const page = await listIssuers(
      createDb(c.env.DB),
      c.var.principal.accountId,
      c.req.valid("query"),
    );
    return c.json(page, 200);
  })
  .openapi(get, async (c) => {
    const issuer = await getAccountIssuer(
      createDb(c.env.DB),
      c.var.principal.accountId,
      c.req.valid("param").issuer_id,
    );
    c.header("ETag", `"${issuer.updatedAt ?? issuer.createdAt}"`);
    return c.json({ data: issuerToWire(issuer) }, 200);
  });
