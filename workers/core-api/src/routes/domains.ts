import { createDb } from "@authpi/domain/db/client";
import { domainsToWire } from "@authpi/domain/domains/domain-wire";
import {
  accountWithDomains,
  addDomain,
  assignDomain,
  listDomains,
  removeDomain,
  unassignDomain,
} from "@authpi/domain/domains/manage-domains";
import { verifyDomain } from "@authpi/domain/domains/verify-domain";
import { etagOf } from "@authpi/domain/etag";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { dnsResolver } from "../dns-resolver.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  AccountParams,
  errorResponses,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";
import {
  AccountDomainSchema,
  AccountWithDomainsSchema,
  AddDomainBody,
  AssignDomainBody,
  DomainParams,
} from "../schemas/domain.ts";
import { conflictResponses as conflict, unavailableResponses } from "../schemas/statuses.ts";

const base = "/v1/accounts/{account_id}/domains";
const tags = ["Domains"];
const read = requireScope("domains:read");
const write = requireScope("domains:write");
const account = (description: string) =>
  jsonResponse(single(AccountWithDomainsSchema), description);

const action = (name: "verify" | "unassign", summary: string) =>
  createRoute({
    method: "post",
    path: `${base}/{domain}/${name}`,
    tags,
    summary,
    middleware: [write] as const,
    request: { params: DomainParams, headers: IfMatchHeader },
    responses: {
      200: account("The account with its domains"),
      ...conflict,
      ...unavailableResponses,
      ...errorResponses,
    },
  });

const routes = {
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List the account's custom domains with their verification and assignment",
    middleware: [read] as const,
    request: { params: AccountParams },
    responses: { 200: jsonResponse(page(AccountDomainSchema), "The domains"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Add a domain (unverified, with the TXT record to publish); at most 20",
    middleware: [write] as const,
    request: { params: AccountParams, body: jsonBody(AddDomainBody) },
    responses: { 201: account("The account with its domains"), ...conflict, ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{domain}`,
    tags,
    summary: "Remove a domain, its issuer assignment and SSO claims on it",
    middleware: [write] as const,
    request: { params: DomainParams, headers: IfMatchHeader },
    responses: { 204: { description: "Removed" }, ...conflict, ...errorResponses },
  }),
  verify: action("verify", "Verify a domain: its TXT record must hold the domain's token"),
  assign: createRoute({
    method: "post",
    path: `${base}/{domain}/assign`,
    tags,
    summary: "Assign a verified domain to an issuer of the account",
    middleware: [write] as const,
    request: { params: DomainParams, headers: IfMatchHeader, body: jsonBody(AssignDomainBody) },
    responses: { 200: account("The account with its domains"), ...conflict, ...errorResponses },
  }),
  unassign: action("unassign", "Unassign a domain from its issuer"),
};

export const domainRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const rows = await listDomains(createDb(c.env.DB), c.var.principal.accountId);
    return c.json({ data: domainsToWire(rows), has_more: false, next_cursor: null }, 200);
  })
  .openapi(routes.create, async (c) => {
    const db = createDb(c.env.DB);
    const row = await addDomain(db, mutationContext(c), c.req.valid("json"));
    c.header("ETag", etagOf(row));
    return c.json({ data: await accountWithDomains(db, row.accountId) }, 201);
  })
  .openapi(routes.delete, async (c) => {
    const { domain } = c.req.valid("param");
    await removeDomain(
      createDb(c.env.DB),
      mutationContext(c),
      domain,
      c.req.valid("header")["if-match"],
    );
    return c.body(null, 204);
  })
  .openapi(routes.verify, async (c) => {
    const db = createDb(c.env.DB);
    const row = await verifyDomain(
      db,
      mutationContext(c),
      dnsResolver(c.env),
      c.req.valid("param").domain,
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: await accountWithDomains(db, row.accountId) }, 200);
  })
  .openapi(routes.assign, async (c) => {
    const db = createDb(c.env.DB);
    const row = await assignDomain(
      db,
      mutationContext(c),
      c.req.valid("param").domain,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: await accountWithDomains(db, row.accountId) }, 200);
  })
  .openapi(routes.unassign, async (c) => {
    const db = createDb(c.env.DB);
    const row = await unassignDomain(
      db,
      mutationContext(c),
      c.req.valid("param").domain,
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(row));
    return c.json({ data: await accountWithDomains(db, row.accountId) }, 200);
  });
