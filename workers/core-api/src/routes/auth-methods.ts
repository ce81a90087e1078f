import { authMethodToWire } from "@authpi/domain/auth-methods/auth-method-wire";
import {
  createAuthMethod,
  deleteAuthMethod,
  getAuthMethod,
  listAuthMethods,
  updateAuthMethod,
} from "@authpi/domain/auth-methods/manage-auth-methods";
import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import { ListQuery } from "@authpi/domain/pagination";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import {
  AuthMethodParams,
  AuthMethodSchema,
  CreateAuthMethodBody,
  UpdateAuthMethodBody,
} from "../schemas/auth-method.ts";
import { IfMatchHeader, IssuerParams } from "../schemas/common.ts";
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
      "Add an auth method; email-link, oauth2 and temporary-password may only be stored disabled for now",
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
    headers: IfMatchHeader,
    body: UpdateAuthMethodBody,
    responses: conflictResponses,
  }),
  delete: table.delete({
    summary: "Delete an auth method",
    headers: IfMatchHeader,
    responses: conflictResponses,
  }),
};

export const authMethodRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const issuerId = await callerIssuerId(c, c.req.valid("param").issuer_id);
    const row = await createAuthMethod(
      createDb(c.env.DB),
      mutationContext(c),
      c.env.KEY_ENCRYPTION_SECRET,
      issuerId,
      c.req.valid("json"),
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: authMethodToWire(row) }, 201);
  })
  .openapi(routes.list, async (c) => {
    const issuerId = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listAuthMethods(createDb(c.env.DB), issuerId, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, method_id } = c.req.valid("param");
    const row = await getAuthMethod(
      createDb(c.env.DB),
      await callerIssuerId(c, issuer_id),
      method_id,
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: authMethodToWire(row) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, method_id } = c.req.valid("param");
    const row = await updateAuthMethod(
      createDb(c.env.DB),
      mutationContext(c),
      c.env.KEY_ENCRYPTION_SECRET,
      await callerIssuerId(c, issuer_id),
      method_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: authMethodToWire(row) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, method_id } = c.req.valid("param");
    await deleteAuthMethod(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      method_id,
      c.req.valid("header")["if-match"],
    );
    return c.body(null, 204);
  });
