import {
  createGroup,
  deleteGroup,
  getGroup,
  groupToWire,
  listGroups,
  updateGroup,
} from "@authpi/domain/groups";
import { ListQuery } from "@authpi/domain/pagination";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { withEtag } from "../respond.ts";
import { routeTable } from "../route-table.ts";
import {
  CreateGroupBody,
  GroupOrgParams,
  GroupParams,
  GroupSchema,
  UpdateGroupBody,
} from "../schemas/group.ts";
import { conflictResponses } from "../schemas/statuses.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations/{org_id}/groups",
  item: "{group_id}",
  tags: ["Organization groups"],
  scope: "issuers.organizations.groups",
  params: GroupOrgParams,
  itemParams: GroupParams,
  schema: GroupSchema,
  noun: "group",
});

const routes = {
  create: table.create({
    summary: "Create a group (a named set of scopes) in the organization",
    body: CreateGroupBody,
    responses: conflictResponses,
  }),
  list: table.list({ summary: "List the organization's groups, newest first", query: ListQuery }),
  get: table.get({ summary: "Get a group" }),
  update: table.update({
    summary: "Update a group's name, description, scopes or metadata",
    body: UpdateGroupBody,
    responses: conflictResponses,
  }),
  delete: table.delete({
    summary: "Delete a group",
    responses: conflictResponses,
  }),
};

export const groupRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const row = await createGroup(db, ctx, issuerId, org_id, c.req.valid("json"));
    return withEtag(c, row, groupToWire(row), 201);
  })
  .openapi(routes.list, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    return c.json(await listGroups(db, issuerId, org_id, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, org_id, group_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    const row = await getGroup(db, issuerId, org_id, group_id);
    return withEtag(c, row, groupToWire(row), 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, org_id, group_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const input = c.req.valid("json");
    const ifMatch = c.req.valid("header")["if-match"];
    const row = await updateGroup(db, ctx, issuerId, org_id, group_id, input, ifMatch);
    return withEtag(c, row, groupToWire(row), 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, org_id, group_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    await deleteGroup(db, ctx, issuerId, org_id, group_id, ifMatch);
    return c.body(null, 204);
  });
