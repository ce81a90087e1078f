import { createDb } from "@authpi/domain/db";
import {
  accountWithDomains,
  addDomain,
  assignDomain,
  domainsToWire,
  listDomains,
  removeDomain,
  unassignDomain,
  verifyDomain,
} from "@authpi/domain/domains";
import { etagOf } from "@authpi/domain/etag";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { dnsResolver } from "../dns-resolver.ts";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { AccountParams, IfMatchHeader, jsonBody } from "../schemas/common.ts";
import {
  AccountDomainSchema,
  AccountWithDomainsSchema,
  AddDomainBody,
  AssignDomainBody,
  DomainParams,
} from "../schemas/domain.ts";
import { conflictResponses as conflict, unavailableResponses } from "../schemas/statuses.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/domains",
  item: "{domain}",
  tags: ["Domains"],
  scope: "domains",
  params: AccountParams,
  itemParams: DomainParams,
  schema: AccountWithDomainsSchema,
  noun: "account with its domains",
});

const action = (name: "verify" | "unassign", summary: string) =>
  table.action(name, {
    summary,
    headers: IfMatchHeader,
    responses: { ...conflict, ...unavailableResponses },
  });

const routes = {
  list: table.list({
    summary: "List the account's custom domains with their verification and assignment",
    item: AccountDomainSchema,
    text: "The domains",
  }),
  create: table.create({
    summary: "Add a domain (unverified, with the TXT record to publish); at most 20",
    body: AddDomainBody,
    responses: conflict,
  }),
  delete: table.delete({
    summary: "Remove a domain, its issuer assignment and SSO claims on it",
    text: "Removed",
    responses: conflict,
  }),
  verify: action("verify", "Verify a domain: its TXT record must hold the domain's token"),
  assign: table.action("assign", {
    summary: "Assign a verified domain to an issuer of the account",
    headers: IfMatchHeader,
    body: jsonBody(AssignDomainBody),
    responses: conflict,
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
