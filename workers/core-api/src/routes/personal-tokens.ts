import { createDb } from "@authpi/domain/db/client";
import { issuerUrl } from "@authpi/domain/issuers/issuer-wire";
import {
  createPersonalToken,
  deletePersonalToken,
  getPersonalToken,
  listPersonalTokens,
  personalTokenIssuer,
  revokePersonalToken,
} from "@authpi/domain/tokens/personal-tokens";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { personalTokenDeps } from "../issuer-store-client.ts";
import { keyRing } from "../key-ring.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { openApiApp } from "../openapi.ts";
import {
  errorResponses,
  jsonBody,
  jsonResponse,
  optionalJsonBody,
  page,
  single,
} from "../schemas/common.ts";
import {
  AccountTokenParams,
  CreatedPersonalTokenSchema,
  CreatePersonalTokenBody,
  PersonalTokenListQuery,
  PersonalTokenSchema,
  RevokePersonalTokenBody,
} from "../schemas/personal-token.ts";
import { UserParams } from "../schemas/user.ts";

const userBase = "/v1/accounts/{account_id}/issuers/{issuer_id}/users/{user_id}/tokens";
const accountBase = "/v1/accounts/{account_id}/tokens/{token_id}";
const tags = ["Personal tokens"];
const one = (description: string) => jsonResponse(single(PersonalTokenSchema), description);

const routes = {
  list: createRoute({
    method: "get",
    path: userBase,
    tags,
    summary: "List a user's personal tokens, newest first (never the tokens themselves)",
    middleware: [requireScope("issuers.users.tokens:read")] as const,
    request: { params: UserParams, query: PersonalTokenListQuery },
    responses: { 200: jsonResponse(page(PersonalTokenSchema), "Tokens"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: userBase,
    tags,
    summary: "Mint a personal token (`ptk_…`, shown once; at most 21 days, 50 live per user)",
    middleware: [requireScope("issuers.users.tokens:write")] as const,
    request: { params: UserParams, body: jsonBody(CreatePersonalTokenBody) },
    responses: {
      201: jsonResponse(single(CreatedPersonalTokenSchema), "The token, with token_plain once"),
      409: errorResponses[422],
      ...errorResponses,
    },
  }),
  get: createRoute({
    method: "get",
    path: accountBase,
    tags,
    summary: "Get a personal token by id",
    middleware: [requireScope("tokens:read")] as const,
    request: { params: AccountTokenParams },
    responses: { 200: one("The token"), ...errorResponses },
  }),
  revoke: createRoute({
    method: "post",
    path: `${accountBase}/revoke`,
    tags,
    summary: "Revoke a personal token for good (optional body `{reason}`)",
    middleware: [requireScope("tokens:write")] as const,
    request: { params: AccountTokenParams, body: optionalJsonBody(RevokePersonalTokenBody) },
    responses: { 200: one("The revoked token"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: accountBase,
    tags,
    summary: "Delete a personal token (it stops working at once)",
    middleware: [requireScope("tokens:write")] as const,
    request: { params: AccountTokenParams },
    responses: { 204: { description: "Deleted" }, ...errorResponses },
  }),
};

/** The token id names its issuer; one outside the caller's account is a 404 like any other. */
async function tokenDeps(c: Context<AppEnv>, tokenId: string) {
  const db = createDb(c.env.DB);
  return personalTokenDeps(c, await personalTokenIssuer(db, c.var.principal.accountId, tokenId));
}

export const personalTokenRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const deps = personalTokenDeps(c, await callerIssuerId(c, issuer_id));
    return c.json(await listPersonalTokens(deps, user_id, c.req.valid("query")), 200);
  })
  .openapi(routes.create, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const deps = personalTokenDeps(c, await callerIssuerId(c, issuer_id));
    const { token, plain } = await createPersonalToken(
      {
        ...deps,
        ring: await keyRing(c.env, c.var.now),
        issuerUrl: issuerUrl(c.env.IDP_BASE_URL, deps.issuerId),
      },
      user_id,
      c.req.valid("json"),
    );
    return c.json({ data: { ...token, token_plain: plain } }, 201);
  })
  .openapi(routes.get, async (c) => {
    const { token_id } = c.req.valid("param");
    return c.json({ data: await getPersonalToken(await tokenDeps(c, token_id), token_id) }, 200);
  })
  .openapi(routes.revoke, async (c) => {
    const { token_id } = c.req.valid("param");
    const deps = await tokenDeps(c, token_id);
    const { reason } = c.req.valid("json");
    return c.json({ data: await revokePersonalToken(deps, token_id, reason ?? null) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { token_id } = c.req.valid("param");
    await deletePersonalToken(await tokenDeps(c, token_id), token_id);
    return c.body(null, 204);
  });
