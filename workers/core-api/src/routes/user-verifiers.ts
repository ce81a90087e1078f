import { createDb } from "@authpi/domain/db";
import {
  completeEnrollment,
  createdVerifierToWire,
  createUserVerifier,
  deleteUserVerifier,
  getUserVerifier,
  listUserVerifiers,
  regenerateBackupCodes,
  updateUserVerifier,
  userVerifierToWire,
  verifyUserCode,
} from "@authpi/domain/users";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuer } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { errorResponses, jsonBody } from "../schemas/common.ts";
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

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/users/{user_id}/verifiers",
  item: "{verifier_id}",
  tags: ["User verifiers"],
  scope: "issuers.users.verifiers",
  params: UserParams,
  itemParams: UserVerifierParams,
  schema: UserVerifierSchema,
  noun: "verifier",
});

const routes = {
  list: table.list({
    summary: "List a user's verifiers (password, TOTP app, backup codes), never their secrets",
    text: "Verifiers",
  }),
  create: table.create({
    summary:
      "Set a password (201 verifier) or start a TOTP enrollment (201 enrollment, secret once)",
    body: CreateUserVerifierBody,
    returns: z.union([CreatedPasswordSchema, EnrollmentSchema]),
    text: "Created",
  }),
  complete: table.action("complete-enrollment", {
    on: "collection",
    summary: "Confirm a TOTP enrollment with a current code; returns backup codes once",
    body: jsonBody(CompleteEnrollmentBody),
    returns: EnrollmentResultSchema,
    text: "The result",
    responses: { 409: errorResponses[422] },
  }),
  get: table.get({ summary: "Get a verifier" }),
  update: table.update({
    summary: "Rename, disable or re-enable a verifier",
    body: UpdateUserVerifierBody,
    ifMatch: false,
  }),
  delete: table.delete({ summary: "Remove a verifier", text: "Removed", ifMatch: false }),
  verify: table.action("verify", {
    summary: "Check a TOTP code, or use up a backup code",
    body: jsonBody(VerifyCodeBody),
    returns: VerifyResultSchema,
    text: "The result",
  }),
  regenerate: table.action("regenerate", {
    summary: "New backup codes (the old ones stop working), shown once",
    returns: z.object({ codes: z.array(z.string()) }),
    text: "The codes",
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
