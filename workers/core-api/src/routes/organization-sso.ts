import {
  addSsoDomain,
  removeSsoDomain,
  rotateSsoSecret,
  verifySsoDomain,
} from "@authpi/domain/organizations";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { issuerScope } from "../caller-issuer.ts";
import { dnsResolver } from "../dns-resolver.ts";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { IfMatchHeader, jsonBody, jsonResponse, single } from "../schemas/common.ts";
import {
  AddSsoDomainBody,
  AddSsoDomainResponse,
  RemoveSsoDomainResponse,
  RotateSsoSecretResponse,
  SsoDomainParams,
  SsoParams,
  VerifySsoDomainResponse,
} from "../schemas/sso.ts";
import { conflictResponses, unavailableResponses } from "../schemas/statuses.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations/{org_id}/sso",
  item: "domains/{domain}",
  tags: ["Organization SSO"],
  scope: "issuers.organizations.sso",
  params: SsoParams,
  itemParams: SsoDomainParams,
  noun: "SSO connection",
});

const routes = {
  addDomain: table.action("domains", {
    on: "collection",
    summary: "Claim a domain for the organization's SSO (added to the account's domains if new)",
    headers: IfMatchHeader,
    body: jsonBody(AddSsoDomainBody),
    status: 201,
    returns: AddSsoDomainResponse,
    text: "The TXT record that proves the domain",
    responses: conflictResponses,
  }),
  removeDomain: table.delete({
    summary: "Drop the organization's claim on a domain (the account keeps the domain)",
    status: 200,
    ok: jsonResponse(single(RemoveSsoDomainResponse), "Removed"),
    responses: conflictResponses,
  }),
  verifyDomain: table.action("verify", {
    summary: "Verify a claimed domain through its TXT record",
    headers: IfMatchHeader,
    returns: VerifySsoDomainResponse,
    text: "Whether the domain is verified",
    responses: { ...conflictResponses, ...unavailableResponses },
  }),
  rotateSecret: table.action("rotate-secret", {
    on: "collection",
    summary: "Replace the SSO connection's client secret with a new one, shown once",
    headers: IfMatchHeader,
    returns: RotateSsoSecretResponse,
    text: "The new secret",
    responses: conflictResponses,
  }),
};

export const organizationSsoRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.addDomain, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    const data = await addSsoDomain(db, ctx, issuerId, org_id, c.req.valid("json"), ifMatch);
    return c.json({ data }, 201);
  })
  .openapi(routes.removeDomain, async (c) => {
    const { issuer_id, org_id, domain } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    return c.json({ data: await removeSsoDomain(db, ctx, issuerId, org_id, domain, ifMatch) }, 200);
  })
  .openapi(routes.verifyDomain, async (c) => {
    const { issuer_id, org_id, domain } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    const dns = dnsResolver(c.env);
    const data = await verifySsoDomain(db, ctx, dns, issuerId, org_id, domain, ifMatch);
    return c.json({ data }, 200);
  })
  .openapi(routes.rotateSecret, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    const secret = c.env.KEY_ENCRYPTION_SECRET;
    const data = await rotateSsoSecret(db, ctx, secret, issuerId, org_id, ifMatch);
    c.header("Cache-Control", "no-store");
    return c.json({ data }, 200);
  });
