import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from "@authpi/domain/organizations/manage-organizations";
import { organizationToWire } from "@authpi/domain/organizations/organization-wire";
import { ssoDomainsOfOrg } from "@authpi/domain/organizations/sso/sso-domains-of";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
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
  CreateOrganizationBody,
  OrganizationListQuery,
  OrganizationParams,
  OrganizationSchema,
  UpdateOrganizationBody,
} from "../schemas/organization.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations";
const tags = ["Organizations"];
const one = (description: string) => jsonResponse(single(OrganizationSchema), description);

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Create an organization",
    middleware: [requireScope("issuers.organizations:write")] as const,
    request: { params: IssuerParams, body: jsonBody(CreateOrganizationBody) },
    responses: { 201: one("The organization"), ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List organizations, newest first",
    middleware: [requireScope("issuers.organizations:read")] as const,
    request: { params: IssuerParams, query: OrganizationListQuery },
    responses: {
      200: jsonResponse(page(OrganizationSchema), "A page of organizations"),
      ...errorResponses,
    },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{org_id}`,
    tags,
    summary: "Get an organization",
    middleware: [requireScope("issuers.organizations:read")] as const,
    request: { params: OrganizationParams },
    responses: { 200: one("The organization"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{org_id}`,
    tags,
    middleware: [requireScope("issuers.organizations:write")] as const,
    summary: "Update an organization; `status` suspends or reactivates it",
    request: {
      params: OrganizationParams,
      headers: IfMatchHeader,
      body: jsonBody(UpdateOrganizationBody),
    },
    responses: { 200: one("The organization"), 412: errorResponses[422], ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{org_id}`,
    tags,
    middleware: [requireScope("issuers.organizations:write")] as const,
    summary: "Delete an organization and its memberships",
    request: { params: OrganizationParams, headers: IfMatchHeader },
    responses: { 204: { description: "Deleted" }, ...errorResponses },
  }),
};

export const organizationRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const issuerId = await callerIssuerId(c, c.req.valid("param").issuer_id);
    const org = await createOrganization(
      createDb(c.env.DB),
      mutationContext(c),
      issuerId,
      c.req.valid("json"),
      c.env.KEY_ENCRYPTION_SECRET,
    );
    c.header("ETag", etagOf(org));
    return c.json({ data: organizationToWire(org) }, 201);
  })
  .openapi(routes.list, async (c) => {
    const issuerId = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listOrganizations(createDb(c.env.DB), issuerId, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const org = await getOrganization(db, await callerIssuerId(c, issuer_id), org_id);
    c.header("ETag", etagOf(org));
    return c.json({ data: organizationToWire(org, await ssoDomainsOfOrg(db, org.id)) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const issuerId = await callerIssuerId(c, issuer_id);
    const db = createDb(c.env.DB);
    const org = await updateOrganization(
      db,
      mutationContext(c),
      issuerId,
      org_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
      c.env.KEY_ENCRYPTION_SECRET,
    );
    c.header("ETag", etagOf(org));
    return c.json({ data: organizationToWire(org, await ssoDomainsOfOrg(db, org.id)) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const issuerId = await callerIssuerId(c, issuer_id);
    await deleteOrganization(
      createDb(c.env.DB),
      mutationContext(c),
      issuerId,
      org_id,
      c.req.valid("header")["if-match"],
    );
    return c.body(null, 204);
  });
