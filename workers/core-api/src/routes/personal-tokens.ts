import { createDb } from "@authpi/domain/db";
import { issuerUrl } from "@authpi/domain/issuers";
import {
  createPersonalToken,
  deletePersonalToken,
  getPersonalToken,
  listPersonalTokens,
  personalTokenIssuer,
  revokePersonalToken,
} from "@authpi/domain/tokens";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { personalTokenDeps } from "../issuer-store-client.ts";
import { keyRing } from "../key-ring.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { AccountParams, errorResponses, optionalJsonBody } from "../schemas/common.ts";
import {
  AccountTokenParams,
  CreatedPersonalTokenSchema,
  CreatePersonalTokenBody,
  PersonalTokenListQuery,
  PersonalTokenSchema,
  RevokePersonalTokenBody,
} from "../schemas/personal-token.ts";
import { UserParams } from "../schemas/user.ts";

const userTokens = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/users/{user_id}/tokens",
  tags: ["Personal tokens"],
  scope: "issuers.users.tokens",
  params: UserParams,
  schema: PersonalTokenSchema,
  noun: "token",
});
const accountTokens = routeTable({
  path: "/v1/accounts/{account_id}/tokens",
  item: "{token_id}",
  tags: ["Personal tokens"],
  scope: "tokens",
  params: AccountParams,
  itemParams: AccountTokenParams,
  schema: PersonalTokenSchema,
  noun: "token",
});

const routes = {
  list: userTokens.list({
    summary: "List a user's personal tokens, newest first (never the tokens themselves)",
    query: PersonalTokenListQuery,
    text: "Tokens",
  }),
  create: userTokens.create({
    summary: "Mint a personal token (`ptk_…`, shown once; at most 21 days, 50 live per user)",
    body: CreatePersonalTokenBody,
    returns: CreatedPersonalTokenSchema,
    text: "The token, with token_plain once",
    responses: { 409: errorResponses[422] },
  }),
  get: accountTokens.get({ summary: "Get a personal token by id" }),
  revoke: accountTokens.action("revoke", {
    summary: "Revoke a personal token for good (optional body `{reason}`)",
    body: optionalJsonBody(RevokePersonalTokenBody),
    text: "The revoked token",
  }),
  delete: accountTokens.delete({
    summary: "Delete a personal token (it stops working at once)",
    ifMatch: false,
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
        ring: await keyRing(c.env, deps.issuerId, c.var.now),
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
