import { createDb } from "@authpi/domain/db/client";
import { getAccountIssuer } from "@authpi/domain/issuers/find-issuer";
import { createUser } from "@authpi/domain/users/create-user";
import { userToWire } from "@authpi/domain/users/user-wire";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { errorResponses, IssuerParams, jsonBody, jsonResponse, single } from "../schemas/common.ts";
import { CreateUserBody, UserSchema } from "../schemas/user.ts";

const create = createRoute({
  method: "post",
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/users",
  tags: ["Users"],
  summary: "Create a user, optionally with a password",
  middleware: [requireScope("issuers.users:write")] as const,
  request: { params: IssuerParams, body: jsonBody(CreateUserBody) },
  responses: { 201: jsonResponse(single(UserSchema), "The user"), ...errorResponses },
});

export const userRoutes: OpenAPIHono<AppEnv> = openApiApp().openapi(create, async (c) => {
  const db = createDb(c.env.DB);
  const issuer = await getAccountIssuer(
    db,
    c.var.principal.accountId,
    c.req.valid("param").issuer_id,
  );
  const user = await createUser(db, mutationContext(c), issuer.id, c.req.valid("json"));
  c.header("ETag", `"${user.createdAt}"`);
  return c.json({ data: userToWire(user) }, 201);
});
