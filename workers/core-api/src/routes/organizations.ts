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
import type { OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { errorResponses, IfMatchHeader, IssuerParams } from "../schemas/common.ts";
import {
  CreateOrganizationBody,
  OrganizationListQuery,
  OrganizationParams,
  OrganizationSchema,
  UpdateOrganizationBody,
} from "../schemas/organization.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations",
  item: "{org_id}",
  tags: ["Organizations"],
  scope: "issuers.organizations",
  params: IssuerParams,
  itemParams: OrganizationParams,
  schema: OrganizationSchema,
  noun: "organization",
});

const routes = {
  create: table.create({ summary: "Create an organization", body: CreateOrganizationBody }),
  list: table.list({ summary: "List organizations, newest first", query: OrganizationListQuery }),
  get: table.get({ summary: "Get an organization" }),
  update: table.update({
    summary: "Update an organization; `status` suspends or reactivates it",
    headers: IfMatchHeader,
    body: UpdateOrganizationBody,
    responses: { 412: errorResponses[422] },
  }),
  delete: table.delete({
    summary: "Delete an organization and its memberships",
    headers: IfMatchHeader,
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
