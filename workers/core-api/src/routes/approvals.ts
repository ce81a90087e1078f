import { decideApproval, getApproval, listApprovals } from "@authpi/domain/approvals";
import { createDb } from "@authpi/domain/db";
import { ListQuery } from "@authpi/domain/pagination";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId, issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { issuerStore } from "../issuer-store-client.ts";
import { openApiApp } from "../openapi.ts";
import { withEtag } from "../respond.ts";
import { routeTable } from "../route-table.ts";
import { ApprovalParams, ApprovalUserSchema, DecideApprovalBody } from "../schemas/approval.ts";
import { IssuerParams } from "../schemas/common.ts";
import { conflictResponses } from "../schemas/statuses.ts";
import { UserListItemSchema } from "../schemas/user.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/approvals",
  item: "{user_id}",
  tags: ["Approvals"],
  scope: "issuers.approvals",
  params: IssuerParams,
  itemParams: ApprovalParams,
  schema: ApprovalUserSchema,
  noun: "waiting user",
});

const routes = {
  list: table.list({
    summary: "List users waiting for signup approval, oldest first (usernames hashed)",
    query: ListQuery,
    item: UserListItemSchema,
  }),
  get: table.get({ summary: "Get a waiting user with their full details" }),
  update: table.update({
    summary: "Approve (user becomes active) or reject (user is blocked); decisions are final",
    body: DecideApprovalBody,
    text: "The decided user",
    responses: conflictResponses,
  }),
};

export const approvalRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const issuerId = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listApprovals(createDb(c.env.DB), issuerId, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    const { row, data } = await getApproval(db, issuerId, user_id);
    return withEtag(c, row, data, 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    const store = issuerStore(c.env, issuerId);
    const input = c.req.valid("json");
    const decided = await decideApproval(db, store, ctx, issuerId, user_id, input, ifMatch);
    return withEtag(c, decided.row, decided.data, 200);
  });
