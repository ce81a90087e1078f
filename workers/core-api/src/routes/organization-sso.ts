import { createDb } from "@authpi/domain/db/client";
import { rotateSsoSecret } from "@authpi/domain/organizations/sso/rotate-sso-secret";
import {
  addSsoDomain,
  removeSsoDomain,
  verifySsoDomain,
} from "@authpi/domain/organizations/sso/sso-domains";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import { dnsResolver } from "../dns-resolver.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import {
  errorResponses,
  IfMatchHeader,
  jsonBody,
  jsonResponse,
  single,
} from "../schemas/common.ts";
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

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/organizations/{org_id}/sso";
const tags = ["Organization SSO"];
const write = requireScope("issuers.organizations.sso:write");

const routes = {
  addDomain: createRoute({
    method: "post",
    path: `${base}/domains`,
    tags,
    summary: "Claim a domain for the organization's SSO (added to the account's domains if new)",
    middleware: [write] as const,
    request: { params: SsoParams, headers: IfMatchHeader, body: jsonBody(AddSsoDomainBody) },
    responses: {
      201: jsonResponse(single(AddSsoDomainResponse), "The TXT record that proves the domain"),
      ...conflictResponses,
      ...errorResponses,
    },
  }),
  removeDomain: createRoute({
    method: "delete",
    path: `${base}/domains/{domain}`,
    tags,
    summary: "Drop the organization's claim on a domain (the account keeps the domain)",
    middleware: [write] as const,
    request: { params: SsoDomainParams, headers: IfMatchHeader },
    responses: {
      200: jsonResponse(single(RemoveSsoDomainResponse), "Removed"),
      ...conflictResponses,
      ...errorResponses,
    },
  }),
  verifyDomain: createRoute({
    method: "post",
    path: `${base}/domains/{domain}/verify`,
    tags,
    summary: "Verify a claimed domain through its TXT record",
    middleware: [write] as const,
    request: { params: SsoDomainParams, headers: IfMatchHeader },
    responses: {
      200: jsonResponse(single(VerifySsoDomainResponse), "Whether the domain is verified"),
      ...conflictResponses,
      ...unavailableResponses,
      ...errorResponses,
    },
  }),
  rotateSecret: createRoute({
    method: "post",
    path: `${base}/rotate-secret`,
    tags,
    summary: "Replace the SSO connection's client secret with a new one, shown once",
    middleware: [write] as const,
    request: { params: SsoParams, headers: IfMatchHeader },
    responses: {
      200: jsonResponse(single(RotateSsoSecretResponse), "The new secret"),
      ...conflictResponses,
      ...errorResponses,
    },
  }),
};

export const organizationSsoRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.addDomain, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const data = await addSsoDomain(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      org_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    return c.json({ data }, 201);
  })
  .openapi(routes.removeDomain, async (c) => {
    const { issuer_id, org_id, domain } = c.req.valid("param");
    const data = await removeSsoDomain(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      org_id,
      domain,
      c.req.valid("header")["if-match"],
    );
    return c.json({ data }, 200);
  })
  .openapi(routes.verifyDomain, async (c) => {
    const { issuer_id, org_id, domain } = c.req.valid("param");
    const data = await verifySsoDomain(
      createDb(c.env.DB),
      mutationContext(c),
      dnsResolver(c.env),
      await callerIssuerId(c, issuer_id),
      org_id,
      domain,
      c.req.valid("header")["if-match"],
    );
    return c.json({ data }, 200);
  })
  .openapi(routes.rotateSecret, async (c) => {
    const { issuer_id, org_id } = c.req.valid("param");
    const data = await rotateSsoSecret(
      createDb(c.env.DB),
      mutationContext(c),
      c.env.KEY_ENCRYPTION_SECRET,
      await callerIssuerId(c, issuer_id),
      org_id,
      c.req.valid("header")["if-match"],
    );
    c.header("Cache-Control", "no-store");
    return c.json({ data }, 200);
  });
