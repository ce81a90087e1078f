import { createDb } from "@authpi/domain/db/client";
import {
  addMember,
  listMembers,
  removeMember,
  updateMember,
} from "@authpi/domain/organizations/memberships";
import { membershipToWire } from "@authpi/domain/organizations/organization-wire";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuer } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { errorResponses, jsonBody, jsonResponse, page, single } from "../schemas/common.ts";
import {
  MemberBody,
  MemberListQuery,
  MemberParams,
  MembershipSchema,
  OrganizationParams,
  UpdateMemberBody,
} from "../schemas/organization.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations/{org_id}/members";
const tags = ["Organization members"];
const one = (description: string) => jsonResponse(single(MembershipSchema), description);

const routes = {
  add: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Add a user to an organization",
    middleware: [requireScope("issuers.organizations.members:write")] as const,
    request: { params: OrganizationParams, body: jsonBody(MemberBody) },
    responses: { 201: one("The membership"), 409: errorResponses[422], ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List an organization's members",
    middleware: [requireScope("issuers.organizations.members:read")] as const,
    request: { params: OrganizationParams, query: MemberListQuery },
    responses: {
      200: jsonResponse(page(MembershipSchema), "A page of memberships"),
      ...errorResponses,
    },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{member_id}`,
    tags,
    middleware: [requireScope("issuers.organizations.members:write")] as const,
    summary: "Change a member's scopes, title or status",
    request: { params: MemberParams, body: jsonBody(UpdateMemberBody) },
    responses: { 200: one("The membership"), ...errorResponses },
  }),
  remove: createRoute({
    method: "delete",
    path: `${base}/{member_id}`,
    tags,
    summary: "Remove a member",
    middleware: [requireScope("issuers.organizations.members:write")] as const,
    request: { params: MemberParams },
    responses: { 204: { description: "Removed" }, ...errorResponses },
  }),
};

export const memberRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.add, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const issuer = await callerIssuer(c, issuer_id);
    const row = await addMember(db, mutationContext(c), issuer.id, org_id, c.req.valid("json"));
    return c.json({ data: membershipToWire(row) }, 201);
  })
  .openapi(routes.list, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const issuer = await callerIssuer(c, issuer_id);
    return c.json(await listMembers(db, issuer.id, org_id, c.req.valid("query")), 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, org_id, member_id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const issuer = await callerIssuer(c, issuer_id);
    const row = await updateMember(
      db,
      mutationContext(c),
      issuer.id,
      org_id,
      member_id,
      c.req.valid("json"),
    );
    return c.json({ data: membershipToWire(row) }, 200);
  })
  .openapi(routes.remove, async (c) => {
    const { issuer_id, org_id, member_id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const issuer = await callerIssuer(c, issuer_id);
    await removeMember(db, mutationContext(c), issuer.id, org_id, member_id);
    return c.body(null, 204);
  });
