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
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  AuthMethodParams,
  AuthMethodSchema,
  CreateAuthMethodBody,
  UpdateAuthMethodBody,
} from "../schemas/auth-method.ts";
import {
  errorResponses,
  IfMatchHeader,
  IssuerParams,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";
import { conflictResponses } from "../schemas/statuses.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/auth-methods";
const tags = ["Auth methods"];
const read = requireScope("issuers.auth-methods:read");
const write = requireScope("issuers.auth-methods:write");
const one = (description: string) => jsonResponse(single(AuthMethodSchema), description);

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary:
      "Add an auth method; email-link, oauth2 and temporary-password may only be stored disabled for now",
    middleware: [write] as const,
    request: { params: IssuerParams, body: jsonBody(CreateAuthMethodBody) },
    responses: { 201: one("The auth method"), ...conflictResponses, ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List the issuer's auth methods in the order they were added",
    middleware: [read] as const,
    request: { params: IssuerParams, query: ListQuery },
    responses: { 200: jsonResponse(page(AuthMethodSchema), "Auth methods"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{method_id}`,
    tags,
    summary: "Get an auth method",
    middleware: [read] as const,
    request: { params: AuthMethodParams },
    responses: { 200: one("The auth method"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{method_id}`,
    tags,
    summary: "Update an auth method; `settings` merge key by key",
    middleware: [write] as const,
    request: {
      params: AuthMethodParams,
      headers: IfMatchHeader,
      body: jsonBody(UpdateAuthMethodBody),
    },
    responses: { 200: one("The auth method"), ...conflictResponses, ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{method_id}`,
    tags,
    summary: "Delete an auth method",
    middleware: [write] as const,
    request: { params: AuthMethodParams, headers: IfMatchHeader },
    responses: { 204: { description: "Deleted" }, ...conflictResponses, ...errorResponses },
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
