import { createDb } from "@authpi/domain/db";
import {
  createOrganization,
  deleteOrganization,
  getOrganization,
  listOrganizations,
  organizationToWire,
  ssoDomainsOfOrg,
  updateOrganization,
} from "@authpi/domain/organizations";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId, issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { issuerStore } from "../issuer-store-client.ts";
import { openApiApp } from "../openapi.ts";
import { withEtag } from "../respond.ts";
import { routeTable } from "../route-table.ts";
import { errorResponses, IssuerParams } from "../schemas/common.ts";
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
    body: UpdateOrganizationBody,
    responses: { 412: errorResponses[422] },
  }),
  delete: table.delete({
    summary: "Delete an organization and its memberships",
  }),
};

export const organizationRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const { db, ctx, issuerId } = await issuerScope(c, c.req.valid("param").issuer_id);
    const secret = c.env.KEY_ENCRYPTION_SECRET;
    const org = await createOrganization(db, ctx, issuerId, c.req.valid("json"), secret);
    return withEtag(c, org, organizationToWire(org), 201);
  })
  .openapi(routes.list, async (c) => {
    const issuerId = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listOrganizations(createDb(c.env.DB), issuerId, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    const org = await getOrganization(db, issuerId, org_id);
    return withEtag(c, org, organizationToWire(org, await ssoDomainsOfOrg(db, org.id)), 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const input = c.req.valid("json");
    const ifMatch = c.req.valid("header")["if-match"];
    const secret = c.env.KEY_ENCRYPTION_SECRET;
    const store = issuerStore(c.env, issuerId);
    const org = await updateOrganization(db, store, ctx, issuerId, org_id, input, ifMatch, secret);
    return withEtag(c, org, organizationToWire(org, await ssoDomainsOfOrg(db, org.id)), 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    await deleteOrganization(db, issuerStore(c.env, issuerId), ctx, issuerId, org_id, ifMatch);
    return c.body(null, 204);
  });
