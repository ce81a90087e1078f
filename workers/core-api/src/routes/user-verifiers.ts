import { createDb } from "@authpi/domain/db/client";
import { createdVerifierToWire } from "@authpi/domain/users/created-verifier-wire";
import {
  completeEnrollment,
  createUserVerifier,
  deleteUserVerifier,
  getUserVerifier,
  listUserVerifiers,
  regenerateBackupCodes,
  updateUserVerifier,
  userVerifierToWire,
  verifyUserCode,
} from "@authpi/domain/users/user-verifiers";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuer } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { errorResponses, jsonBody, jsonResponse, page, single } from "../schemas/common.ts";
import { UserParams } from "../schemas/user.ts";
import {
  CompleteEnrollmentBody,
  CreatedPasswordSchema,
  CreateUserVerifierBody,
  EnrollmentResultSchema,
  EnrollmentSchema,
  UpdateUserVerifierBody,
  UserVerifierParams,
  UserVerifierSchema,
  VerifyCodeBody,
  VerifyResultSchema,
} from "../schemas/user-verifier.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/users/{user_id}/verifiers";
const tags = ["User verifiers"];
const read = requireScope("issuers.users.verifiers:read");
const write = requireScope("issuers.users.verifiers:write");
const one = (description: string) => jsonResponse(single(UserVerifierSchema), description);

const routes = {
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List a user's verifiers (password, TOTP app, backup codes), never their secrets",
    middleware: [read] as const,
    request: { params: UserParams },
    responses: { 200: jsonResponse(page(UserVerifierSchema), "Verifiers"), ...errorResponses },
  }),
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary:
      "Set a password (201 verifier) or start a TOTP enrollment (201 enrollment, secret once)",
    middleware: [write] as const,
    request: { params: UserParams, body: jsonBody(CreateUserVerifierBody) },
    responses: {
      201: jsonResponse(single(z.union([CreatedPasswordSchema, EnrollmentSchema])), "Created"),
      ...errorResponses,
    },
  }),
  complete: createRoute({
    method: "post",
    path: `${base}/complete-enrollment`,
    tags,
    summary: "Confirm a TOTP enrollment with a current code; returns backup codes once",
    middleware: [write] as const,
    request: { params: UserParams, body: jsonBody(CompleteEnrollmentBody) },
    responses: {
      200: jsonResponse(single(EnrollmentResultSchema), "The result"),
      409: errorResponses[422],
      ...errorResponses,
    },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{verifier_id}`,
    tags,
    summary: "Get a verifier",
    middleware: [read] as const,
    request: { params: UserVerifierParams },
    responses: { 200: one("The verifier"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{verifier_id}`,
    tags,
    summary: "Rename, disable or re-enable a verifier",
    middleware: [write] as const,
    request: { params: UserVerifierParams, body: jsonBody(UpdateUserVerifierBody) },
    responses: { 200: one("The verifier"), ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{verifier_id}`,
    tags,
    summary: "Remove a verifier",
    middleware: [write] as const,
    request: { params: UserVerifierParams },
    responses: { 204: { description: "Removed" }, ...errorResponses },
  }),
  verify: createRoute({
    method: "post",
    path: `${base}/{verifier_id}/verify`,
    tags,
    summary: "Check a TOTP code, or use up a backup code",
    middleware: [write] as const,
    request: { params: UserVerifierParams, body: jsonBody(VerifyCodeBody) },
    responses: { 200: jsonResponse(single(VerifyResultSchema), "The result"), ...errorResponses },
  }),
  regenerate: createRoute({
    method: "post",
    path: `${base}/{verifier_id}/regenerate`,
    tags,
    summary: "New backup codes (the old ones stop working), shown once",
    middleware: [write] as const,
    request: { params: UserVerifierParams },
    responses: {
      200: jsonResponse(single(z.object({ codes: z.array(z.string()) })), "The codes"),
      ...errorResponses,
    },
  }),
};

async function verifierOf(
  c: Context<AppEnv>,
  p: { issuer_id: string; user_id: string; verifier_id: string },
) {
  const issuer = await callerIssuer(c, p.issuer_id);
  return getUserVerifier(createDb(c.env.DB), issuer.id, p.user_id, p.verifier_id);
}

export const userVerifierRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const p = c.req.valid("param");
    const issuer = await callerIssuer(c, p.issuer_id);
    const rows = await listUserVerifiers(createDb(c.env.DB), issuer.id, p.user_id, c.var.now);
    return c.json({ data: rows.map(userVerifierToWire), has_more: false, next_cursor: null }, 200);
  })
  .openapi(routes.create, async (c) => {
    const p = c.req.valid("param");
    const issuer = await callerIssuer(c, p.issuer_id);
    const created = await createUserVerifier(
      createDb(c.env.DB),
      mutationContext(c),
      c.env.KEY_ENCRYPTION_SECRET,
      { issuerId: issuer.id, userId: p.user_id, issuerName: issuer.name ?? issuer.id },
      c.req.valid("json"),
    );
    return c.json({ data: createdVerifierToWire(created) }, 201);
  })
  .openapi(routes.complete, async (c) => {
    const p = c.req.valid("param");
    const issuer = await callerIssuer(c, p.issuer_id);
    const result = await completeEnrollment(
      createDb(c.env.DB),
      mutationContext(c),
      c.env.KEY_ENCRYPTION_SECRET,
      { issuerId: issuer.id, userId: p.user_id },
      c.req.valid("json"),
    );
    return c.json({ data: result }, 200);
  })
  .openapi(routes.get, async (c) => {
    return c.json({ data: userVerifierToWire(await verifierOf(c, c.req.valid("param"))) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const row = await verifierOf(c, c.req.valid("param"));
    const next = await updateUserVerifier(
      createDb(c.env.DB),
      mutationContext(c),
      row,
      c.req.valid("json"),
    );
    return c.json({ data: userVerifierToWire(next) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const row = await verifierOf(c, c.req.valid("param"));
    await deleteUserVerifier(createDb(c.env.DB), mutationContext(c), row);
    return c.body(null, 204);
  })
  .openapi(routes.verify, async (c) => {
    const row = await verifierOf(c, c.req.valid("param"));
    const result = await verifyUserCode(
      createDb(c.env.DB),
      c.env.KEY_ENCRYPTION_SECRET,
      row,
      c.req.valid("json").code,
      c.var.now,
    );
    return c.json({ data: result }, 200);
  })
  .openapi(routes.regenerate, async (c) => {
    const row = await verifierOf(c, c.req.valid("param"));
    const result = await regenerateBackupCodes(createDb(c.env.DB), mutationContext(c), row);
    return c.json({ data: result }, 200);
  });
