import { clientToWire } from "@authpi/domain/clients/client-wire";
import { createClient } from "@authpi/domain/clients/create-client";
import {
  deleteClient,
  getClient,
  listClients,
  rotateClientSecret,
  updateClient,
} from "@authpi/domain/clients/manage-clients";
import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
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
import { errorResponses, IfMatchHeader, IssuerParams } from "../schemas/common.ts";

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
    headers: IfMatchHeader,
    body: UpdateClientBody,
    responses: { 412: errorResponses[422] },
  }),
  delete: table.delete({
    summary: "Delete a client; its tokens stop validating at introspection",
    headers: IfMatchHeader,
  }),
  rotate: rotateRoute("secret/rotate", false),
  rotateLegacy: rotateRoute("rotate-secret", true),
};

async function rotate(c: Context<AppEnv>, params: { issuer_id: string; client_id: string }) {
  const { client, secret } = await rotateClientSecret(
    createDb(c.env.DB),
    mutationContext(c),
    await callerIssuerId(c, params.issuer_id),
    params.client_id,
  );
  c.header("ETag", etagOf(client));
  return c.json({ data: { ...clientToWire(client), secret } }, 200);
}

export const clientRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const id = await callerIssuerId(c, c.req.valid("param").issuer_id);
    const db = createDb(c.env.DB);
    const { client, secret } = await createClient(db, mutationContext(c), id, c.req.valid("json"));
    c.header("ETag", etagOf(client));
    return c.json({ data: { ...clientToWire(client), secret } }, 201);
  })
  .openapi(routes.list, async (c) => {
    const id = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listClients(createDb(c.env.DB), id, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, client_id } = c.req.valid("param");
    const client = await getClient(
      createDb(c.env.DB),
      await callerIssuerId(c, issuer_id),
      client_id,
    );
    c.header("ETag", etagOf(client));
    return c.json({ data: clientToWire(client) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, client_id } = c.req.valid("param");
    const client = await updateClient(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      client_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(client));
    return c.json({ data: clientToWire(client) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, client_id } = c.req.valid("param");
    await deleteClient(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      client_id,
      c.req.valid("header")["if-match"],
    );
    return c.body(null, 204);
  })
  .openapi(routes.rotate, (c) => rotate(c, c.req.valid("param")))
  .openapi(routes.rotateLegacy, (c) => rotate(c, c.req.valid("param")));
