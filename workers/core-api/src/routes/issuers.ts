import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import { createIssuer } from "@authpi/domain/issuers/create-issuer";
import { getAccountIssuer } from "@authpi/domain/issuers/find-issuer";
import { issuerToWire } from "@authpi/domain/issuers/issuer-wire";
import { IssuerFilters, listIssuers } from "@authpi/domain/issuers/list-issuers";
import { deleteIssuer, updateIssuer } from "@authpi/domain/issuers/manage-issuers";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  AccountParams,
  errorResponses,
  IfMatchHeader,
  IssuerParams,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";
import {
  CreateIssuerBody,
  IssuerListItemSchema,
  IssuerSchema,
  UpdateIssuerBody,
} from "../schemas/issuer.ts";

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
  request: { params: AccountParams, query: IssuerFilters },
  responses: {
    200: jsonResponse(page(IssuerListItemSchema), "A page of issuers"),
    ...errorResponses,
  },
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

const update = createRoute({
  method: "patch",
  path: `${base}/{issuer_id}`,
  tags: ["Issuers"],
  summary: "Update an issuer; `settings` is merged (RFC 7396), `status: disabled` stops serving it",
  middleware: [requireScope("issuers:write")] as const,
  request: { params: IssuerParams, headers: IfMatchHeader, body: jsonBody(UpdateIssuerBody) },
  responses: {
    200: jsonResponse(single(IssuerSchema), "The issuer"),
    412: errorResponses[422],
    ...errorResponses,
  },
});

const remove = createRoute({
  method: "delete",
  path: `${base}/{issuer_id}`,
  tags: ["Issuers"],
  summary: "Delete an issuer with its clients, users and organizations",
  middleware: [requireScope("issuers:write")] as const,
  request: { params: IssuerParams, headers: IfMatchHeader },
  responses: { 204: { description: "Deleted" }, ...errorResponses },
});

export const issuerRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(create, async (c) => {
    const issuer = await createIssuer(createDb(c.env.DB), mutationContext(c), c.req.valid("json"));
    c.header("ETag", etagOf(issuer));
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
    c.header("ETag", etagOf(issuer));
    return c.json({ data: issuerToWire(issuer) }, 200);
  })
  .openapi(update, async (c) => {
    const issuer = await updateIssuer(
      createDb(c.env.DB),
      mutationContext(c),
      c.req.valid("param").issuer_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(issuer));
    return c.json({ data: issuerToWire(issuer) }, 200);
  })
  .openapi(remove, async (c) => {
    await deleteIssuer(
      createDb(c.env.DB),
      mutationContext(c),
      c.req.valid("param").issuer_id,
      c.req.valid("header")["if-match"],
    );
    return c.body(null, 204);
  });
