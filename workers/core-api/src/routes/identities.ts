import { identityToWire, listIdentities, unlinkIdentity } from "@authpi/domain/upstream";
import { getUser } from "@authpi/domain/users";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { IdentityParams, IdentitySchema } from "../schemas/identity.ts";
import { UserParams } from "../schemas/user.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/users/{user_id}/identities",
  item: "{identity_id}",
  tags: ["Users"],
  scope: "issuers.users.identities",
  params: UserParams,
  itemParams: IdentityParams,
  schema: IdentitySchema,
  noun: "linked identity",
  plural: "linked identities",
});

const routes = {
  list: table.list({
    summary:
      "List the upstream identities linked to a user (social and OIDC sign-in), oldest first",
    text: "Linked identities",
  }),
  delete: table.delete({
    summary:
      "Unlink an upstream identity (user.identity.unlinked); the user can no longer sign in with it",
    text: "Unlinked",
  }),
};

export const identityRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    await getUser(db, issuerId, user_id);
    const rows = await listIdentities(db, issuerId, user_id);
    return c.json({ data: rows.map(identityToWire), has_more: false, next_cursor: null }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, user_id, identity_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    await unlinkIdentity(db, ctx, {
      issuerId,
      userId: user_id,
      identityId: identity_id,
      keepOneWay: false,
    });
    return c.body(null, 204);
  });
