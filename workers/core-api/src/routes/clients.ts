import {
  clientToWire,
  createClient,
  deleteClient,
  getClient,
  listClients,
  rotateClientSecret,
  updateClient,
} from "@authpi/domain/clients";
import { createDb } from "@authpi/domain/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuerId, issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { withEtag } from "../respond.ts";
import { routeTable } from "../route-table.ts";
import {
  ClientListItemSchema,
  ClientListQuery,
  ClientParams,
  ClientSchema,
  CreateClientBody,
  CreatedClientSchema,
  UpdateClientBody,
} from "../schemas/client.ts";
import { errorResponses, IssuerParams } from "../schemas/common.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/clients",
  item: "{client_id}",
  tags: ["Clients"],
  scope: "issuers.clients",
  params: IssuerParams,
  itemParams: ClientParams,
  schema: ClientSchema,
  noun: "client",
});

/** authpi-admin posts to `…/secret/rotate`; our first spelling stays as a deprecated alias. */
const rotateRoute = (name: string, deprecated: boolean) =>
  table.action(name, {
    summary: "Issue a new secret; the previous one keeps working for 15 minutes",
    deprecated,
    returns: CreatedClientSchema,
    text: "The client with its new secret",
  });

const routes = {
  create: table.create({
    summary: "Create a client (its secret is shown once)",
    body: CreateClientBody,
    returns: CreatedClientSchema,
  }),
  list: table.list({
    summary: "List clients, newest first, by status or name",
    query: ClientListQuery,
    item: ClientListItemSchema,
  }),
  get: table.get({ summary: "Get a client" }),
  update: table.update({
    summary: "Update a client's name, settings or status",
    body: UpdateClientBody,
    responses: { 412: errorResponses[422] },
  }),
  delete: table.delete({
    summary: "Delete a client; its tokens stop validating at introspection",
  }),
  rotate: rotateRoute("secret/rotate", false),
  rotateLegacy: rotateRoute("rotate-secret", true),
};

async function rotate(c: Context<AppEnv>, params: { issuer_id: string; client_id: string }) {
  const { db, ctx, issuerId } = await issuerScope(c, params.issuer_id);
  const { client, secret } = await rotateClientSecret(db, ctx, issuerId, params.client_id);
  return withEtag(c, client, { ...clientToWire(client), secret }, 200);
}

export const clientRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const { db, ctx, issuerId } = await issuerScope(c, c.req.valid("param").issuer_id);
    const { client, secret } = await createClient(db, ctx, issuerId, c.req.valid("json"));
    return withEtag(c, client, { ...clientToWire(client), secret }, 201);
  })
  .openapi(routes.list, async (c) => {
    const id = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listClients(createDb(c.env.DB), id, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, client_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    const client = await getClient(db, issuerId, client_id);
    return withEtag(c, client, clientToWire(client), 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, client_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    const client = await updateClient(db, ctx, issuerId, client_id, c.req.valid("json"), ifMatch);
    return withEtag(c, client, clientToWire(client), 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, client_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    await deleteClient(db, ctx, issuerId, client_id, c.req.valid("header")["if-match"]);
    return c.body(null, 204);
  })
  .openapi(routes.rotate, (c) => rotate(c, c.req.valid("param")))
  .openapi(routes.rotateLegacy, (c) => rotate(c, c.req.valid("param")));
