import { ListQuery } from "@authpi/domain/pagination";
import {
  createRegistrationToken,
  deleteRegistrationToken,
  getRegistrationToken,
  listRegistrationTokens,
  registrationTokenToWire,
} from "@authpi/domain/registration";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { IssuerParams } from "../schemas/common.ts";
import {
  CreatedRegistrationTokenSchema,
  CreateRegistrationTokenBody,
  RegistrationTokenParams,
  RegistrationTokenSchema,
} from "../schemas/registration-token.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/registration-tokens",
  item: "{token_id}",
  tags: ["Client registration"],
  scope: "issuers.registration_tokens",
  params: IssuerParams,
  itemParams: RegistrationTokenParams,
  schema: RegistrationTokenSchema,
  noun: "registration token",
});

const routes = {
  create: table.create({
    summary: "Mint an initial access token for dynamic client registration (shown once)",
    body: CreateRegistrationTokenBody,
    returns: CreatedRegistrationTokenSchema,
    text: "The token, with `token` once",
  }),
  list: table.list({
    summary: "List the issuer's initial access tokens, newest first (never the tokens)",
    query: ListQuery,
  }),
  get: table.get({ summary: "Get an initial access token" }),
  delete: table.delete({
    summary: "Revoke an initial access token (clients it registered stay)",
    ifMatch: false,
  }),
};

export const registrationTokenRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const { db, ctx, issuerId } = await issuerScope(c, c.req.valid("param").issuer_id);
    const scope = { accountId: ctx.accountId, issuerId, now: ctx.now };
    const { token, plain } = await createRegistrationToken(db, scope, c.req.valid("json"));
    return c.json({ data: { ...registrationTokenToWire(token), token: plain } }, 201);
  })
  .openapi(routes.list, async (c) => {
    const { db, issuerId } = await issuerScope(c, c.req.valid("param").issuer_id);
    return c.json(await listRegistrationTokens(db, issuerId, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, token_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    const token = await getRegistrationToken(db, issuerId, token_id);
    return c.json({ data: registrationTokenToWire(token) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, token_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    await deleteRegistrationToken(db, issuerId, token_id);
    return c.body(null, 204);
  });
