import { allowAgent, consentToWire, listConsents, revokeConsent } from "@authpi/domain/consents";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { issuerStore } from "../issuer-store-client.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { AllowAgentBody, ConsentParams, ConsentSchema } from "../schemas/consent.ts";
import { UserParams } from "../schemas/user.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/users/{user_id}/consents",
  item: "{client_id}",
  tags: ["Users"],
  scope: "issuers.users.consents",
  params: UserParams,
  itemParams: ConsentParams,
  schema: ConsentSchema,
  noun: "consent",
});

const routes = {
  allowAgent: table.create({
    summary:
      "Let an agent act for the user: it may then exchange the user's access token for its own (RFC 8693 token exchange)",
    body: AllowAgentBody,
  }),
  list: table.list({
    summary: "List the third-party clients a user allowed, with the scopes (oldest first)",
    text: "Consents",
  }),
  delete: table.delete({
    summary:
      "Withdraw a user's consent to a client: the next sign-in asks again, and the client's sessions and refresh tokens for the user end",
    text: "Withdrawn",
    ifMatch: false,
  }),
};

export const consentRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.allowAgent, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const row = await allowAgent(db, ctx, issuerId, user_id, c.req.valid("json"));
    return c.json({ data: consentToWire(row) }, 201);
  })
  .openapi(routes.list, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    const rows = await listConsents(db, issuerId, user_id);
    return c.json({ data: rows.map(consentToWire), has_more: false, next_cursor: null }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, user_id, client_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    await revokeConsent(db, ctx, issuerId, user_id, client_id, issuerStore(c.env, issuerId));
    return c.body(null, 204);
  });
