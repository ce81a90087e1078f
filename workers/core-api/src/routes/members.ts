import { createDb } from "@authpi/domain/db";
import {
  addMember,
  listMembers,
  membershipToWire,
  removeMember,
  updateMember,
} from "@authpi/domain/organizations";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuer } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { issuerStore } from "../issuer-store-client.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { errorResponses } from "../schemas/common.ts";
import {
  MemberBody,
  MemberListQuery,
  MemberParams,
  MembershipSchema,
  OrganizationParams,
  UpdateMemberBody,
} from "../schemas/organization.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations/{org_id}/members",
  item: "{member_id}",
  tags: ["Organization members"],
  scope: "issuers.organizations.members",
  params: OrganizationParams,
  itemParams: MemberParams,
  schema: MembershipSchema,
  noun: "membership",
});

const routes = {
  add: table.create({
    summary: "Add a user to an organization",
    body: MemberBody,
    responses: { 409: errorResponses[422] },
  }),
  list: table.list({ summary: "List an organization's members", query: MemberListQuery }),
  update: table.update({
    summary: "Change a member's scopes, title or status",
    body: UpdateMemberBody,
    ifMatch: false,
  }),
  remove: table.delete({ summary: "Remove a member", text: "Removed", ifMatch: false }),
};

export const memberRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.add, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const issuer = await callerIssuer(c, issuer_id);
    const row = await addMember(
      db,
      issuerStore(c.env, issuer.id),
      mutationContext(c),
      issuer.id,
      org_id,
      c.req.valid("json"),
    );
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
      issuerStore(c.env, issuer.id),
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
    await removeMember(
      db,
      issuerStore(c.env, issuer.id),
      mutationContext(c),
      issuer.id,
      org_id,
      member_id,
    );
    return c.body(null, 204);
  });
