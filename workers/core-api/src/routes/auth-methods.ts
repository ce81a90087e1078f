import {
  authMethodToWire,
  createAuthMethod,
  deleteAuthMethod,
  getAuthMethod,
  listAuthMethods,
  updateAuthMethod,
} from "@authpi/domain/auth-methods";
import { createDb } from "@authpi/domain/db";
import { ListQuery } from "@authpi/domain/pagination";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId, issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { withEtag } from "../respond.ts";
import { routeTable } from "../route-table.ts";
import {
  AuthMethodParams,
  AuthMethodSchema,
  CreateAuthMethodBody,
  UpdateAuthMethodBody,
} from "../schemas/auth-method.ts";
import { IssuerParams } from "../schemas/common.ts";
import { conflictResponses } from "../schemas/statuses.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/auth-methods",
  item: "{method_id}",
  tags: ["Auth methods"],
  scope: "issuers.auth-methods",
  params: IssuerParams,
  itemParams: AuthMethodParams,
  schema: AuthMethodSchema,
  noun: "auth method",
});

const routes = {
  create: table.create({
    summary:
      "Add an auth method; oauth2 and temporary-password may only be stored disabled for now",
    body: CreateAuthMethodBody,
    responses: conflictResponses,
  }),
  list: table.list({
    summary: "List the issuer's auth methods in the order they were added",
    query: ListQuery,
    text: "Auth methods",
  }),
  get: table.get({ summary: "Get an auth method" }),
  update: table.update({
    summary: "Update an auth method; `settings` merge key by key",
    body: UpdateAuthMethodBody,
    responses: conflictResponses,
  }),
  delete: table.delete({
    summary: "Delete an auth method",
    responses: conflictResponses,
  }),
};

export const authMethodRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const { db, ctx, issuerId } = await issuerScope(c, c.req.valid("param").issuer_id);
    const secret = c.env.KEY_ENCRYPTION_SECRET;
    const deployment = { idpBaseUrl: c.env.IDP_BASE_URL };
    const input = c.req.valid("json");
    const row = await createAuthMethod(db, ctx, secret, issuerId, input, deployment);
    return withEtag(c, row, authMethodToWire(row), 201);
  })
  .openapi(routes.list, async (c) => {
    const issuerId = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listAuthMethods(createDb(c.env.DB), issuerId, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, method_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    const row = await getAuthMethod(db, issuerId, method_id);
    return withEtag(c, row, authMethodToWire(row), 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, method_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const secret = c.env.KEY_ENCRYPTION_SECRET;
    const input = c.req.valid("json");
    const ifMatch = c.req.valid("header")["if-match"];
    const deployment = { idpBaseUrl: c.env.IDP_BASE_URL };
    const row = await updateAuthMethod(
      db,
      ctx,
      secret,
      issuerId,
      method_id,
      input,
      ifMatch,
      deployment,
    );
    return withEtag(c, row, authMethodToWire(row), 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, method_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    await deleteAuthMethod(db, ctx, issuerId, method_id, c.req.valid("header")["if-match"]);
    return c.body(null, 204);
  });
