import { createDb } from "@authpi/domain/db";
import { etagOf } from "@authpi/domain/etag";
import {
  createUser,
  deleteUser,
  getUser,
  listUsers,
  updateUser,
  userToWire,
} from "@authpi/domain/users";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { sessionDeps } from "../issuer-store-client.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { errorResponses, IssuerParams } from "../schemas/common.ts";
import {
  CreateUserBody,
  UpdateUserBody,
  UserListItemSchema,
  UserListQuery,
  UserParams,
  UserSchema,
} from "../schemas/user.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/users",
  item: "{user_id}",
  tags: ["Users"],
  scope: "issuers.users",
  params: IssuerParams,
  itemParams: UserParams,
  schema: UserSchema,
  noun: "user",
});
const invalid = errorResponses[422];

const routes = {
  create: table.create({
    summary: "Create a user, optionally with a password",
    body: CreateUserBody,
    responses: { 409: invalid },
  }),
  list: table.list({
    summary: "List users, newest first, by status or username",
    description: "Soft-deleted users are left out unless `status=deleted` asks for them.",
    query: UserListQuery,
    item: UserListItemSchema,
  }),
  get: table.get({ summary: "Get a user" }),
  update: table.update({
    summary: "Update profile, custom claims, scopes or password; move the lifecycle with `status`",
    description:
      "`status`: `active`, `suspended` (temporary block), `disabled` (blocked for good) or `deleted` (soft delete); `blocked` (or `blocked: true`) means `suspended`. Leaving `active` ends the user's sessions. A disabled user can only be deleted; a deleted one cannot change status (409).",
    body: UpdateUserBody,
    responses: { 409: invalid, 412: invalid },
  }),
  delete: table.delete({
    summary: "Delete a user for good, with their credentials, memberships and sessions",
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
