import { createDb } from "@authpi/domain/db/client";
import {
  listTrustedDevices,
  revokeAllTrustedDevices,
  revokeTrustedDevice,
  trustDevice,
} from "@authpi/domain/trusted-devices/manage-trusted-devices";
import {
  trustedDeviceEtag,
  trustedDeviceToWire,
} from "@authpi/domain/trusted-devices/trusted-device-wire";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
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
import { conflictResponses } from "../schemas/statuses.ts";
import {
  DeviceParams,
  RevokeAllSchema,
  TrustDeviceBody,
  TrustedDeviceCreatedSchema,
  TrustedDeviceSchema,
} from "../schemas/trusted-device.ts";
import { UserParams } from "../schemas/user.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/users/{user_id}/trusted-devices";
const tags = ["Users"];
const read = requireScope("issuers.users.trusted-devices:read");
const write = requireScope("issuers.users.trusted-devices:write");

const routes = {
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List the devices a user trusts (unexpired, newest first; at most 20)",
    middleware: [read] as const,
    request: { params: UserParams },
    responses: {
      200: jsonResponse(page(TrustedDeviceSchema), "Trusted devices"),
      ...errorResponses,
    },
  }),
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Trust a device by its token (kept as SHA-256); the same token renews it",
    middleware: [write] as const,
    request: { params: UserParams, body: jsonBody(TrustDeviceBody) },
    responses: {
      201: jsonResponse(single(TrustedDeviceCreatedSchema), "The device and when trust ends"),
      ...errorResponses,
    },
  }),
  revokeAll: createRoute({
    method: "post",
    path: `${base}/revoke-all`,
    tags,
    summary: "Revoke every trusted device of the user",
    middleware: [write] as const,
    request: { params: UserParams, headers: IfMatchHeader },
    responses: {
      200: jsonResponse(single(RevokeAllSchema), "How many devices were trusted"),
      ...conflictResponses,
      ...errorResponses,
    },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{device_id}`,
    tags,
    summary: "Revoke one trusted device",
    middleware: [write] as const,
    request: { params: DeviceParams, headers: IfMatchHeader },
    responses: { 204: { description: "Revoked" }, ...conflictResponses, ...errorResponses },
  }),
};

export const trustedDeviceRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const rows = await listTrustedDevices(
      createDb(c.env.DB),
      await callerIssuerId(c, issuer_id),
      user_id,
      c.var.now,
    );
    return c.json({ data: rows.map(trustedDeviceToWire), has_more: false, next_cursor: null }, 200);
  })
  .openapi(routes.create, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const row = await trustDevice(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      user_id,
      c.req.valid("json"),
    );
    c.header("ETag", trustedDeviceEtag(row));
    return c.json({ data: { device_id: row.id, expires_at: row.expiresAt } }, 201);
  })
  .openapi(routes.revokeAll, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const revoked = await revokeAllTrustedDevices(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      user_id,
      c.req.valid("header")["if-match"],
    );
    return c.json({ data: { revoked_count: revoked } }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, user_id, device_id } = c.req.valid("param");
    await revokeTrustedDevice(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      user_id,
      device_id,
      c.req.valid("header")["if-match"],
    );
    return c.body(null, 204);
  });
