import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import {
  createInvitation,
  getInvitation,
  invitationToWire,
  listInvitations,
  resendInvitation,
  revokeInvitation,
  updateInvitation,
} from "@authpi/domain/organizations/invitations";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
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
  CreateInvitationBody,
  InvitationListQuery,
  InvitationParams,
  InvitationSchema,
  UpdateInvitationBody,
} from "../schemas/invitation.ts";
import { OrganizationParams } from "../schemas/organization.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations/{org_id}/invitations";
const tags = ["Invitations"];
const read = requireScope("issuers.organizations.invitations:read");
const write = requireScope("issuers.organizations.invitations:write");
const one = (description: string) => jsonResponse(single(InvitationSchema), description);
const conflict = { 409: errorResponses[422] };

const action = (name: "resend" | "revoke", summary: string) =>
  createRoute({
    method: "post",
    path: `${base}/{invitation_id}/${name}`,
    tags,
    summary,
    middleware: [write] as const,
    request: { params: InvitationParams },
    responses: { 200: one("The invitation"), ...conflict, ...errorResponses },
  });

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Invite an email address; the invitee is emailed a link (202: the email is queued)",
    middleware: [write] as const,
    request: { params: OrganizationParams, body: jsonBody(CreateInvitationBody) },
    responses: { 202: one("The invitation"), ...conflict, ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List an organization's invitations, newest first, by status",
    middleware: [read] as const,
    request: { params: OrganizationParams, query: InvitationListQuery },
    responses: { 200: jsonResponse(page(InvitationSchema), "Invitations"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{invitation_id}`,
    tags,
    summary: "Get an invitation",
    middleware: [read] as const,
    request: { params: InvitationParams },
    responses: { 200: one("The invitation"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{invitation_id}`,
    tags,
    summary: "Change a pending invitation's scopes, title, message or metadata",
    middleware: [write] as const,
    request: {
      params: InvitationParams,
      headers: IfMatchHeader,
      body: jsonBody(UpdateInvitationBody),
    },
    responses: {
      200: one("The invitation"),
      412: errorResponses[422],
      ...conflict,
      ...errorResponses,
    },
  }),
  resend: action("resend", "Email a pending invitation again with a fresh link and expiry"),
  revoke: action("revoke", "Revoke a pending invitation; its link stops working"),
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
