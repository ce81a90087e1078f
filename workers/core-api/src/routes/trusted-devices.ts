import {
  listTrustedDevices,
  revokeAllTrustedDevices,
  revokeTrustedDevice,
  trustDevice,
  trustedDeviceEtag,
  trustedDeviceToWire,
} from "@authpi/domain/trusted-devices";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { IfMatchHeader } from "../schemas/common.ts";
import { conflictResponses } from "../schemas/statuses.ts";
import {
  DeviceParams,
  RevokeAllSchema,
  TrustDeviceBody,
  TrustedDeviceCreatedSchema,
  TrustedDeviceSchema,
} from "../schemas/trusted-device.ts";
import { UserParams } from "../schemas/user.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/users/{user_id}/trusted-devices",
  item: "{device_id}",
  tags: ["Users"],
  scope: "issuers.users.trusted-devices",
  params: UserParams,
  itemParams: DeviceParams,
  schema: TrustedDeviceSchema,
  noun: "trusted device",
});

const routes = {
  list: table.list({
    summary: "List the devices a user trusts (unexpired, newest first; at most 20)",
    text: "Trusted devices",
  }),
  create: table.create({
    summary: "Trust a device by its token (kept as SHA-256); the same token renews it",
    body: TrustDeviceBody,
    returns: TrustedDeviceCreatedSchema,
    text: "The device and when trust ends",
  }),
  revokeAll: table.action("revoke-all", {
    on: "collection",
    summary: "Revoke every trusted device of the user",
    headers: IfMatchHeader,
    returns: RevokeAllSchema,
    text: "How many devices were trusted",
    responses: conflictResponses,
  }),
  delete: table.delete({
    summary: "Revoke one trusted device",
    text: "Revoked",
    responses: conflictResponses,
  }),
};

export const trustedDeviceRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    const rows = await listTrustedDevices(db, issuerId, user_id, c.var.now);
    return c.json({ data: rows.map(trustedDeviceToWire), has_more: false, next_cursor: null }, 200);
  })
  .openapi(routes.create, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const row = await trustDevice(db, ctx, issuerId, user_id, c.req.valid("json"));
    c.header("ETag", trustedDeviceEtag(row));
    return c.json({ data: { device_id: row.id, expires_at: row.expiresAt } }, 201);
  })
  .openapi(routes.revokeAll, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    const revoked = await revokeAllTrustedDevices(db, ctx, issuerId, user_id, ifMatch);
    return c.json({ data: { revoked_count: revoked } }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, user_id, device_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    await revokeTrustedDevice(db, ctx, issuerId, user_id, device_id, ifMatch);
    return c.body(null, 204);
  });
