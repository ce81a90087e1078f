import { authenticateApiKey } from "@authpi/domain/api-keys";
import { createDb } from "@authpi/domain/db";
import { notFound } from "@authpi/domain/errors";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/** HTTP Basic `key_id:key_secret` on every call (docs/decisions/wire-contract.md §2). */
export const apiKeyAuth = createMiddleware<AppEnv>(async function apiKeyAuth(c, next) {
  const principal = await authenticateApiKey(
    createDb(c.env.DB),
    c.req.header("authorization"),
    c.var.now,
  );
  c.set("principal", principal);
  await next();
});

/**
 * A key only reaches its own account; any other account id is a 404 so ids don't leak.
 * An organization's key reaches only that organization's sub-resources (members,
 * invitations, its keys), whatever its scopes say.
 */
export const accountGuard = createMiddleware<AppEnv>(async function accountGuard(c, next) {
  const { accountId, issuerId, orgId } = c.var.principal;
  if (c.req.param("account_id") !== accountId) throw notFound("Account");
  if (issuerId !== null) {
    const home = `/v1/accounts/${accountId}/issuers/${issuerId}/organizations/${orgId}`;
    const path = c.req.path;
    if (path !== home && !path.startsWith(`${home}/`)) throw notFound("Resource");
  }
  await next();
});
