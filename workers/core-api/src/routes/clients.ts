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
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  ClientListItemSchema,
  ClientListQuery,
  ClientParams,
  ClientSchema,
  CreateClientBody,
  CreatedClientSchema,
  UpdateClientBody,
} from "../schemas/client.ts";
import {
  errorResponses,
  IfMatchHeader,
  IssuerParams,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/clients";
const tags = ["Clients"];
const read = requireScope("issuers.clients:read");
const write = requireScope("issuers.clients:write");
const one = (description: string) => jsonResponse(single(ClientSchema), description);
const withSecret = (description: string) => jsonResponse(single(CreatedClientSchema), description);

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Create a client (its secret is shown once)",
    middleware: [write] as const,
    request: { params: IssuerParams, body: jsonBody(CreateClientBody) },
    responses: { 201: withSecret("The client"), ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List clients, newest first, by status or name",
    middleware: [read] as const,
    request: { params: IssuerParams, query: ClientListQuery },
    responses: {
      200: jsonResponse(page(ClientListItemSchema), "A page of clients"),
      ...errorResponses,
    },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{client_id}`,
    tags,
    summary: "Get a client",
    middleware: [read] as const,
    request: { params: ClientParams },
    responses: { 200: one("The client"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{client_id}`,
    tags,
    summary: "Update a client's name, settings or status",
    middleware: [write] as const,
    request: { params: ClientParams, headers: IfMatchHeader, body: jsonBody(UpdateClientBody) },
    responses: { 200: one("The client"), 412: errorResponses[422], ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{client_id}`,
    tags,
    summary: "Delete a client; its tokens stop validating at introspection",
    middleware: [write] as const,
    request: { params: ClientParams, headers: IfMatchHeader },
    responses: { 204: { description: "Deleted" }, ...errorResponses },
  }),
  rotate: rotateRoute("secret/rotate", false),
  rotateLegacy: rotateRoute("rotate-secret", true),
};

/** authpi-admin posts to `…/secret/rotate`; our first spelling stays as a deprecated alias. */
function rotateRoute(suffix: string, deprecated: boolean) {
  return createRoute({
    method: "post",
    path: `${base}/{client_id}/${suffix}`,
    tags,
    summary: "Issue a new secret; the previous one keeps working for 15 minutes",
    deprecated,
    middleware: [write] as const,
    request: { params: ClientParams },
    responses: { 200: withSecret("The client with its new secret"), ...errorResponses },
  });
}

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
