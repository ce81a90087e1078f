import { createDb } from "@authpi/domain/db";
import { etagOf } from "@authpi/domain/etag";
import {
  createInvitation,
  getInvitation,
  invitationToWire,
  listInvitations,
  resendInvitation,
  revokeInvitation,
  updateInvitation,
} from "@authpi/domain/organizations";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { errorResponses } from "../schemas/common.ts";
import {
  CreateInvitationBody,
  InvitationListQuery,
  InvitationParams,
  InvitationSchema,
  UpdateInvitationBody,
} from "../schemas/invitation.ts";
import { OrganizationParams } from "../schemas/organization.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations/{org_id}/invitations",
  item: "{invitation_id}",
  tags: ["Invitations"],
  scope: "issuers.organizations.invitations",
  params: OrganizationParams,
  itemParams: InvitationParams,
  schema: InvitationSchema,
  noun: "invitation",
});
const conflict = { 409: errorResponses[422] };

const routes = {
  create: table.create({
    summary: "Invite an email address; the invitee is emailed a link (202: the email is queued)",
    body: CreateInvitationBody,
    status: 202,
    responses: conflict,
  }),
  list: table.list({
    summary: "List an organization's invitations, newest first, by status",
    query: InvitationListQuery,
    text: "Invitations",
  }),
  get: table.get({ summary: "Get an invitation" }),
  update: table.update({
    summary: "Change a pending invitation's scopes, title, message or metadata",
    body: UpdateInvitationBody,
    responses: { 412: errorResponses[422], ...conflict },
  }),
  resend: table.action("resend", {
    summary: "Email a pending invitation again with a fresh link and expiry",
    responses: conflict,
  }),
  revoke: table.action("revoke", {
    summary: "Revoke a pending invitation; its link stops working",
    responses: conflict,
  }),
};

async function target(c: Context<AppEnv>, params: { issuer_id: string; org_id: string }) {
  return { issuerId: await callerIssuerId(c, params.issuer_id), orgId: params.org_id };
}

export const invitationRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const ctx = mutationContext(c);
    const row = await createInvitation(
      createDb(c.env.DB),
      ctx,
      c.env.KEY_ENCRYPTION_SECRET,
      await target(c, c.req.valid("param")),
      c.req.valid("json"),
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: invitationToWire(row, ctx.now) }, 202);
  })
  .openapi(routes.list, async (c) => {
    const params = c.req.valid("param");
    const page = await listInvitations(
      createDb(c.env.DB),
      await target(c, params),
      c.req.valid("query"),
      c.var.now,
    );
    return c.json(page, 200);
  })
  .openapi(routes.get, async (c) => {
    const params = c.req.valid("param");
    const row = await getInvitation(
      createDb(c.env.DB),
      await target(c, params),
      params.invitation_id,
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: invitationToWire(row, c.var.now) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const params = c.req.valid("param");
    const ctx = mutationContext(c);
    const row = await updateInvitation(
      createDb(c.env.DB),
      ctx,
      await target(c, params),
      params.invitation_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: invitationToWire(row, ctx.now) }, 200);
  })
  .openapi(routes.resend, async (c) => {
    const params = c.req.valid("param");
    const ctx = mutationContext(c);
    const row = await resendInvitation(
      createDb(c.env.DB),
      ctx,
      c.env.KEY_ENCRYPTION_SECRET,
      await target(c, params),
      params.invitation_id,
    );
    return c.json({ data: invitationToWire(row, ctx.now) }, 200);
  })
  .openapi(routes.revoke, async (c) => {
    const params = c.req.valid("param");
    const ctx = mutationContext(c);
    const row = await revokeInvitation(
      createDb(c.env.DB),
      ctx,
      await target(c, params),
      params.invitation_id,
    );
    return c.json({ data: invitationToWire(row, ctx.now) }, 200);
  });
