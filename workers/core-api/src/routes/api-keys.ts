import {
  apiKeyToWire,
  changeApiKeyStatus,
  createApiKey,
  deleteApiKey,
  getApiKey,
  listApiKeys,
  rotateApiKey,
  updateApiKey,
} from "@authpi/domain/api-keys/manage-api-keys";
import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  ApiKeyListQuery,
  ApiKeyParams,
  ApiKeySchema,
  CreateApiKeyBody,
  CreatedApiKeySchema,
  RotatedApiKeySchema,
  UpdateApiKeyBody,
} from "../schemas/api-key.ts";
import {
  AccountParams,
  errorResponses,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";

const base = "/v1/accounts/{account_id}/api-keys";
const tags = ["API keys"];
const one = (description: string) => jsonResponse(single(ApiKeySchema), description);

const action = (name: "block" | "unblock" | "revoke", summary: string) =>
  createRoute({
    method: "post",
    path: `${base}/{key_id}/${name}`,
    tags,
    summary,
    middleware: [requireScope("api-keys:write")] as const,
    request: { params: ApiKeyParams },
    responses: { 200: one("The API key"), 409: errorResponses[422], ...errorResponses },
  });

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    tags,
    middleware: [requireScope("api-keys:write")] as const,
    summary: "Create an API key (secret shown once; scopes may not exceed the caller's)",
    request: { params: AccountParams, body: jsonBody(CreateApiKeyBody) },
    responses: {
      201: jsonResponse(single(CreatedApiKeySchema), "The key and its secret"),
      ...errorResponses,
    },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List API keys",
    middleware: [requireScope("api-keys:read")] as const,
    request: { params: AccountParams, query: ApiKeyListQuery },
    responses: { 200: jsonResponse(page(ApiKeySchema), "A page of API keys"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{key_id}`,
    tags,
    summary: "Get an API key",
    middleware: [requireScope("api-keys:read")] as const,
    request: { params: ApiKeyParams },
    responses: { 200: one("The API key"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{key_id}`,
    tags,
    summary: "Update an API key",
    middleware: [requireScope("api-keys:write")] as const,
    request: { params: ApiKeyParams, headers: IfMatchHeader, body: jsonBody(UpdateApiKeyBody) },
    responses: { 200: one("The API key"), 412: errorResponses[422], ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{key_id}`,
    tags,
    summary: "Delete an API key",
    middleware: [requireScope("api-keys:write")] as const,
    request: { params: ApiKeyParams },
    responses: { 204: { description: "Deleted" }, ...errorResponses },
  }),
  rotate: createRoute({
    method: "post",
    path: `${base}/{key_id}/rotate`,
    tags,
    middleware: [requireScope("api-keys:write")] as const,
    summary: "Rotate the secret; the old one keeps working for 15 minutes",
    request: { params: ApiKeyParams },
    responses: {
      200: jsonResponse(single(RotatedApiKeySchema), "The new secret"),
      ...errorResponses,
    },
  }),
  block: action("block", "Block an API key (temporary)"),
  unblock: action("unblock", "Unblock an API key"),
  revoke: action("revoke", "Revoke an API key (permanent)"),
};

export const apiKeyRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const { key, secret } = await createApiKey(
      createDb(c.env.DB),
      mutationContext(c),
      c.var.principal,
      c.req.valid("json"),
    );
    c.header("ETag", etagOf(key));
    return c.json({ data: { ...apiKeyToWire(key), secret_plain: secret } }, 201);
  })
  .openapi(routes.list, async (c) =>
    c.json(
      await listApiKeys(createDb(c.env.DB), c.var.principal.accountId, c.req.valid("query")),
      200,
    ),
  )
  .openapi(routes.get, async (c) => {
    const key = await getApiKey(
      createDb(c.env.DB),
      c.var.principal.accountId,
      c.req.valid("param").key_id,
    );
    c.header("ETag", etagOf(key));
    return c.json({ data: apiKeyToWire(key) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const key = await updateApiKey(
      createDb(c.env.DB),
      mutationContext(c),
      c.var.principal,
      c.req.valid("param").key_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(key));
    return c.json({ data: apiKeyToWire(key) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    await deleteApiKey(createDb(c.env.DB), mutationContext(c), c.req.valid("param").key_id);
    return c.body(null, 204);
  })
  .openapi(routes.rotate, async (c) => {
    const { secret } = await rotateApiKey(
      createDb(c.env.DB),
      mutationContext(c),
      c.req.valid("param").key_id,
    );
    return c.json({ data: { secret_plain: secret } }, 200);
  })
  .openapi(routes.block, async (c) =>
    c.json(
      {
        data: apiKeyToWire(
          await changeApiKeyStatus(
            createDb(c.env.DB),
            mutationContext(c),
            c.req.valid("param").key_id,
            "block",
          ),
        ),
      },
      200,
    ),
  )
  .openapi(routes.unblock, async (c) =>
    c.json(
      {
        data: apiKeyToWire(
          await changeApiKeyStatus(
            createDb(c.env.DB),
            mutationContext(c),
            c.req.valid("param").key_id,
            "unblock",
          ),
        ),
      },
      200,
    ),
  )
  .openapi(routes.revoke, async (c) =>
    c.json(
      {
        data: apiKeyToWire(
          await changeApiKeyStatus(
            createDb(c.env.DB),
            mutationContext(c),
            c.req.valid("param").key_id,
            "revoke",
          ),
        ),
      },
      200,
    ),
  );
