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
} from "@authpi/domain/api-keys";
import { createDb } from "@authpi/domain/db";
import { etagOf } from "@authpi/domain/etag";
import { getOrganization } from "@authpi/domain/organizations";
import type { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuer } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
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
import { AccountParams, errorResponses, optionalJsonBody } from "../schemas/common.ts";
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
  const table = routeTable({
    path: options.base,
    item: "{key_id}",
    tags: options.tags,
    scope: options.scope,
    params: options.listParams as typeof AccountParams,
    itemParams: options.keyParams as typeof ApiKeyParams,
    schema: ApiKeySchema,
    noun: "API key",
  });
  const action = (name: "block" | "unblock" | "revoke", summary: string) =>
    table.action(name, {
      summary,
      description: "An optional JSON body `{reason}` is recorded as `status_reason`.",
      body: optionalJsonBody(StatusBody),
      responses: { 409: errorResponses[422] },
    });
  const routes = {
    create: table.create({
      summary: "Create an API key (secret shown once; scopes may not exceed the caller's)",
      body: CreateApiKeyBody,
      returns: CreatedApiKeySchema,
      text: "The key and its secret",
    }),
    list: table.list({
      summary: "List API keys",
      query: ApiKeyListQuery,
      item: ApiKeyListItemSchema,
    }),
    get: table.get({ summary: "Get an API key" }),
    update: table.update({
      summary: "Update an API key",
      body: UpdateApiKeyBody,
      responses: { 412: errorResponses[422] },
    }),
    delete: table.delete({ summary: "Delete an API key", ifMatch: false }),
    rotate: table.action("rotate", {
      summary: "Rotate the secret; the old one keeps working for 15 minutes",
      returns: RotatedApiKeySchema,
      text: "The new secret",
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
