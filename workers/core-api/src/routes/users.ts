import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import { createUser } from "@authpi/domain/users/create-user";
import { deleteUser, getUser, listUsers, updateUser } from "@authpi/domain/users/manage-users";
import { userToWire } from "@authpi/domain/users/user-wire";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { sessionDeps } from "../issuer-store-client.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  errorResponses,
  IfMatchHeader,
  IssuerParams,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";
import {
  CreateUserBody,
  UpdateUserBody,
  UserListItemSchema,
  UserListQuery,
  UserParams,
  UserSchema,
} from "../schemas/user.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/users";
const tags = ["Users"];
const one = (description: string) => jsonResponse(single(UserSchema), description);

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Create a user, optionally with a password",
    middleware: [requireScope("issuers.users:write")] as const,
    request: { params: IssuerParams, body: jsonBody(CreateUserBody) },
    responses: { 201: one("The user"), 409: errorResponses[422], ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List users, newest first, by status or username",
    description: "Soft-deleted users are left out unless `status=deleted` asks for them.",
    middleware: [requireScope("issuers.users:read")] as const,
    request: { params: IssuerParams, query: UserListQuery },
    responses: {
      200: jsonResponse(page(UserListItemSchema), "A page of users"),
      ...errorResponses,
    },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{user_id}`,
    tags,
    summary: "Get a user",
    middleware: [requireScope("issuers.users:read")] as const,
    request: { params: UserParams },
    responses: { 200: one("The user"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{user_id}`,
    tags,
    middleware: [requireScope("issuers.users:write")] as const,
    summary: "Update profile, custom claims, scopes or password; move the lifecycle with `status`",
    description:
      "`status`: `active`, `suspended` (temporary block), `disabled` (blocked for good) or `deleted` (soft delete); `blocked` (or `blocked: true`) means `suspended`. Leaving `active` ends the user's sessions. A disabled user can only be deleted; a deleted one cannot change status (409).",
    request: { params: UserParams, headers: IfMatchHeader, body: jsonBody(UpdateUserBody) },
    responses: {
      200: one("The user"),
      409: errorResponses[422],
      412: errorResponses[422],
      ...errorResponses,
    },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{user_id}`,
    tags,
    middleware: [requireScope("issuers.users:write")] as const,
    summary: "Delete a user for good, with their credentials, memberships and sessions",
    request: { params: UserParams, headers: IfMatchHeader },
    responses: { 204: { description: "Deleted" }, ...errorResponses },
  }),
};

export const userRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const id = await callerIssuerId(c, c.req.valid("param").issuer_id);
    const user = await createUser(createDb(c.env.DB), mutationContext(c), id, c.req.valid("json"));
    c.header("ETag", etagOf(user));
    return c.json({ data: userToWire(user) }, 201);
  })
  .openapi(routes.list, async (c) => {
    const id = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listUsers(createDb(c.env.DB), id, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const user = await getUser(createDb(c.env.DB), await callerIssuerId(c, issuer_id), user_id);
    c.header("ETag", etagOf(user));
    return c.json({ data: userToWire(user) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const deps = sessionDeps(c, await callerIssuerId(c, issuer_id));
    const input = c.req.valid("json");
    const user = await updateUser(deps, user_id, input, c.req.valid("header")["if-match"]);
    c.header("ETag", etagOf(user));
    return c.json({ data: userToWire(user) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const deps = sessionDeps(c, await callerIssuerId(c, issuer_id));
    await deleteUser(deps, user_id, c.req.valid("header")["if-match"]);
    return c.body(null, 204);
  });
