import { clientToWire } from "@authpi/domain/clients/client-wire";
import { createClient } from "@authpi/domain/clients/create-client";
import { createDb } from "@authpi/domain/db/client";
import { getAccountIssuer } from "@authpi/domain/issuers/find-issuer";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { CreateClientBody, CreatedClientSchema } from "../schemas/client.ts";
import { errorResponses, IssuerParams, jsonBody, jsonResponse, single } from "../schemas/common.ts";

const create = createRoute({
  method: "post",
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/clients",
  tags: ["Clients"],
  summary: "Create a client (its secret is shown once)",
  middleware: [requireScope("issuers.clients:write")] as const,
  request: { params: IssuerParams, body: jsonBody(CreateClientBody) },
  responses: { 201: jsonResponse(single(CreatedClientSchema), "The client"), ...errorResponses },
});

export const clientRoutes: OpenAPIHono<AppEnv> = openApiApp().openapi(create, async (c) => {
  const db = createDb(c.env.DB);
  const issuer = await getAccountIssuer(
    db,
    c.var.principal.accountId,
    c.req.valid("param").issuer_id,
  );
  const { client, secret } = await createClient(
    db,
    mutationContext(c),
    issuer.id,
    c.req.valid("json"),
  );
  c.header("ETag", `"${client.createdAt}"`);
  return c.json({ data: { ...clientToWire(client), secret } }, 201);
});
