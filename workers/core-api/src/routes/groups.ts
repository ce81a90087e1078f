import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import { groupToWire } from "@authpi/domain/groups/group-wire";
import {
  createGroup,
  deleteGroup,
  getGroup,
  listGroups,
  updateGroup,
} from "@authpi/domain/groups/manage-groups";
import { ListQuery } from "@authpi/domain/pagination";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  errorResponses,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";
import {
  CreateGroupBody,
  GroupOrgParams,
  GroupParams,
  GroupSchema,
  UpdateGroupBody,
} from "../schemas/group.ts";
import { conflictResponses } from "../schemas/statuses.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations/{org_id}/groups";
const tags = ["Organization groups"];
const read = requireScope("issuers.organizations.groups:read");
const write = requireScope("issuers.organizations.groups:write");
const one = (description: string) => jsonResponse(single(GroupSchema), description);

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Create a group (a named set of scopes) in the organization",
    middleware: [write] as const,
    request: { params: GroupOrgParams, body: jsonBody(CreateGroupBody) },
    responses: { 201: one("The group"), ...conflictResponses, ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List the organization's groups, newest first",
    middleware: [read] as const,
    request: { params: GroupOrgParams, query: ListQuery },
    responses: { 200: jsonResponse(page(GroupSchema), "A page of groups"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{group_id}`,
    tags,
    summary: "Get a group",
    middleware: [read] as const,
    request: { params: GroupParams },
    responses: { 200: one("The group"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{group_id}`,
    tags,
    summary: "Update a group's name, description, scopes or metadata",
    middleware: [write] as const,
    request: { params: GroupParams, headers: IfMatchHeader, body: jsonBody(UpdateGroupBody) },
    responses: { 200: one("The group"), ...conflictResponses, ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{group_id}`,
    tags,
    summary: "Delete a group",
    middleware: [write] as const,
    request: { params: GroupParams, headers: IfMatchHeader },
    responses: { 204: { description: "Deleted" }, ...conflictResponses, ...errorResponses },
  }),
};

export const groupRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const row = await createGroup(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      org_id,
      c.req.valid("json"),
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: groupToWire(row) }, 201);
  })
  .openapi(routes.list, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const issuerId = await callerIssuerId(c, issuer_id);
    return c.json(
      await listGroups(createDb(c.env.DB), issuerId, org_id, c.req.valid("query")),
      200,
    );
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, org_id, group_id } = c.req.valid("param");
    const issuerId = await callerIssuerId(c, issuer_id);
    const row = await getGroup(createDb(c.env.DB), issuerId, org_id, group_id);
    c.header("ETag", etagOf(row));
    return c.json({ data: groupToWire(row) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, org_id, group_id } = c.req.valid("param");
    const row = await updateGroup(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      org_id,
      group_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: groupToWire(row) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, org_id, group_id } = c.req.valid("param");
    await deleteGroup(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      org_id,
      group_id,
      c.req.valid("header")["if-match"],
    );
    return c.body(null, 204);
  });
