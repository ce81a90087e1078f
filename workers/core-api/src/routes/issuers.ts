import { createDb } from "@authpi/domain/db";
import { etagOf } from "@authpi/domain/etag";
import {
  createIssuer,
  deleteIssuer,
  getAccountIssuer,
  IssuerFilters,
  issuerToWire,
  listIssuers,
  updateIssuer,
} from "@authpi/domain/issuers";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { AccountParams, errorResponses, IssuerParams } from "../schemas/common.ts";
import {
  CreateIssuerBody,
  IssuerListItemSchema,
  IssuerSchema,
  UpdateIssuerBody,
} from "../schemas/issuer.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers",
  item: "{issuer_id}",
  tags: ["Issuers"],
  scope: "issuers",
  params: AccountParams,
  itemParams: IssuerParams,
  schema: IssuerSchema,
  noun: "issuer",
});

const create = table.create({ summary: "Create an issuer", body: CreateIssuerBody });
const list = table.list({
  summary: "List issuers, newest first",
  query: IssuerFilters,
  item: IssuerListItemSchema,
});
const get = table.get({ summary: "Get an issuer" });
const update = table.update({
  summary: "Update an issuer; `settings` is merged (RFC 7396), `status: disabled` stops serving it",

  body: UpdateIssuerBody,
  responses: { 412: errorResponses[422] },
});
const remove = table.delete({
  summary: "Delete an issuer with its clients, users and organizations",
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
