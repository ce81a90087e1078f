import {
  apiKeyToWire,
  changeApiKeyStatus,
  createApiKey,
  deleteApiKey,
  getApiKey,
  type KeyOwner,
  listApiKeys,
  rotateApiKey,
  updateApiKey,
} from "@authpi/domain/api-keys/manage-api-keys";
import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import { getOrganization } from "@authpi/domain/organizations/manage-organizations";
import { createRoute, type OpenAPIHono, type z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuer } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  ApiKeyListItemSchema,
  ApiKeyListQuery,
  ApiKeyParams,
  ApiKeySchema,
  CreateApiKeyBody,
  CreatedApiKeySchema,
  OrgApiKeyParams,
  RotatedApiKeySchema,
  StatusBody,
  UpdateApiKeyBody,
} from "../schemas/api-key.ts";
import {
  AccountParams,
  errorResponses,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  optionalJsonBody,
  page,
  single,
} from "../schemas/common.ts";
import { OrganizationParams } from "../schemas/organization.ts";

type Params = { account_id: string; issuer_id?: string; org_id?: string };

/** One set of key routes, for the account's keys or for an organization's. */
function keyRoutes(options: {
  base: string;
  tags: string[];
  scope: string;
  listParams: typeof AccountParams | typeof OrganizationParams;
  keyParams: typeof ApiKeyParams | typeof OrgApiKeyParams;
  owner: (c: Context<AppEnv>, params: Params) => Promise<KeyOwner>;
}) {
  const { base, tags } = options;
  const read = requireScope(`${options.scope}:read`);
  const write = requireScope(`${options.scope}:write`);
  const one = (description: string) => jsonResponse(single(ApiKeySchema), description);
  const keyParams = options.keyParams as typeof ApiKeyParams;
  const listParams = options.listParams as typeof AccountParams;
  const action = (name: "block" | "unblock" | "revoke", summary: string) =>
    createRoute({
      method: "post",
      path: `${base}/{key_id}/${name}`,
      tags,
      summary,
      description: "An optional JSON body `{reason}` is recorded as `status_reason`.",
      middleware: [write] as const,
      request: { params: keyParams, body: optionalJsonBody(StatusBody) },
      responses: { 200: one("The API key"), 409: errorResponses[422], ...errorResponses },
    });
  const routes = {
    create: createRoute({
      method: "post",
      path: base,
      tags,
      middleware: [write] as const,
      summary: "Create an API key (secret shown once; scopes may not exceed the caller's)",
      request: { params: listParams, body: jsonBody(CreateApiKeyBody) },
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
      middleware: [read] as const,
      request: { params: listParams, query: ApiKeyListQuery },
      responses: {
        200: jsonResponse(page(ApiKeyListItemSchema), "A page of API keys"),
        ...errorResponses,
      },
    }),
    get: createRoute({
      method: "get",
      path: `${base}/{key_id}`,
      tags,
      summary: "Get an API key",
      middleware: [read] as const,
      request: { params: keyParams },
      responses: { 200: one("The API key"), ...errorResponses },
    }),
    update: createRoute({
      method: "patch",
      path: `${base}/{key_id}`,
      tags,
      summary: "Update an API key",
      middleware: [write] as const,
      request: { params: keyParams, headers: IfMatchHeader, body: jsonBody(UpdateApiKeyBody) },
      responses: { 200: one("The API key"), 412: errorResponses[422], ...errorResponses },
    }),
    delete: createRoute({
      method: "delete",
      path: `${base}/{key_id}`,
      tags,
      summary: "Delete an API key",
      middleware: [write] as const,
      request: { params: keyParams },
      responses: { 204: { description: "Deleted" }, ...errorResponses },
    }),
    rotate: createRoute({
      method: "post",
      path: `${base}/{key_id}/rotate`,
      tags,
      middleware: [write] as const,
      summary: "Rotate the secret; the old one keeps working for 15 minutes",
      request: { params: keyParams },
      responses: {
        200: jsonResponse(single(RotatedApiKeySchema), "The new secret"),
        ...errorResponses,
      },
    }),
    block: action("block", "Block an API key (temporary)"),
    unblock: action("unblock", "Unblock an API key"),
    revoke: action("revoke", "Revoke an API key (permanent)"),
  };
  const db = (c: Context<AppEnv>) => createDb(c.env.DB);
  const status = async (
    c: Context<AppEnv>,
    params: z.output<typeof ApiKeyParams> & Params,
    change: "block" | "unblock" | "revoke",
    reason: string | null | undefined,
  ) => {
    const owner = await options.owner(c, params);
    const key = await changeApiKeyStatus(
      db(c),
      mutationContext(c),
      params.key_id,
      change,
      reason,
      owner,
    );
    return c.json({ data: apiKeyToWire(key, c.var.now) }, 200);
  };
  return openApiApp()
    .openapi(routes.create, async (c) => {
      const owner = await options.owner(c, c.req.valid("param"));
      const { key, secret } = await createApiKey(
        db(c),
        mutationContext(c),
        c.var.principal,
        c.req.valid("json"),
        owner,
      );
      c.header("ETag", etagOf(key));
      return c.json({ data: { ...apiKeyToWire(key, c.var.now), secret_plain: secret } }, 201);
    })
    .openapi(routes.list, async (c) => {
      const owner = await options.owner(c, c.req.valid("param"));
      const query = c.req.valid("query");
      const page = await listApiKeys(db(c), c.var.principal.accountId, query, owner, c.var.now);
      return c.json(page, 200);
    })
    .openapi(routes.get, async (c) => {
      const params = c.req.valid("param");
      const owner = await options.owner(c, params);
      const key = await getApiKey(db(c), c.var.principal.accountId, params.key_id, owner);
      c.header("ETag", etagOf(key));
      return c.json({ data: apiKeyToWire(key, c.var.now) }, 200);
    })
    .openapi(routes.update, async (c) => {
      const params = c.req.valid("param");
      const key = await updateApiKey(
        db(c),
        mutationContext(c),
        c.var.principal,
        params.key_id,
        c.req.valid("json"),
        c.req.valid("header")["if-match"],
        await options.owner(c, params),
      );
      c.header("ETag", etagOf(key));
      return c.json({ data: apiKeyToWire(key, c.var.now) }, 200);
    })
    .openapi(routes.delete, async (c) => {
      const params = c.req.valid("param");
      const owner = await options.owner(c, params);
      await deleteApiKey(db(c), mutationContext(c), params.key_id, owner);
      return c.body(null, 204);
    })
    .openapi(routes.rotate, async (c) => {
      const params = c.req.valid("param");
      const owner = await options.owner(c, params);
      const { secret } = await rotateApiKey(db(c), mutationContext(c), params.key_id, owner);
      return c.json({ data: { secret_plain: secret } }, 200);
    })
    .openapi(routes.block, (c) =>
      status(c, c.req.valid("param"), "block", c.req.valid("json").reason),
    )
    .openapi(routes.unblock, (c) =>
      status(c, c.req.valid("param"), "unblock", c.req.valid("json").reason),
    )
    .openapi(routes.revoke, (c) =>
      status(c, c.req.valid("param"), "revoke", c.req.valid("json").reason),
    );
}

/** The account's own keys (`/v1/accounts/{account_id}/api-keys`). */
export const apiKeyRoutes: OpenAPIHono<AppEnv> = keyRoutes({
  base: "/v1/accounts/{account_id}/api-keys",
  tags: ["API keys"],
  scope: "api-keys",
  listParams: AccountParams,
  keyParams: ApiKeyParams,
  owner: async () => null,
});

/** An organization's keys: they authenticate as the organization and reach only it. */
export const organizationApiKeyRoutes: OpenAPIHono<AppEnv> = keyRoutes({
  base: "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations/{org_id}/api-keys",
  tags: ["Organization API keys"],
  scope: "issuers.organizations.api-keys",
  listParams: OrganizationParams,
  keyParams: OrgApiKeyParams,
  owner: async (c, params) => {
    const d = createDb(c.env.DB);
    const issuer = await callerIssuer(c, params.issuer_id ?? "");
    const org = await getOrganization(d, issuer.id, params.org_id ?? "");
    return { issuerId: issuer.id, orgId: org.id };
  },
});
