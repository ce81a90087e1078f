import {
  decideApproval,
  getApproval,
  listApprovals,
} from "@authpi/domain/approvals/manage-approvals";
import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import { ListQuery } from "@authpi/domain/pagination";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
import { ApprovalParams, ApprovalUserSchema, DecideApprovalBody } from "../schemas/approval.ts";
import {
  errorResponses,
  IfMatchHeader,
  IssuerParams,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";
import { conflictResponses } from "../schemas/statuses.ts";
import { UserListItemSchema } from "../schemas/user.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/approvals";
const tags = ["Approvals"];
const one = (description: string) => jsonResponse(single(ApprovalUserSchema), description);

const routes = {
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List users waiting for signup approval, oldest first (usernames hashed)",
    middleware: [requireScope("issuers.approvals:read")] as const,
    request: { params: IssuerParams, query: ListQuery },
    responses: {
      200: jsonResponse(page(UserListItemSchema), "A page of waiting users"),
      ...errorResponses,
    },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{user_id}`,
    tags,
    summary: "Get a waiting user with their full details",
    middleware: [requireScope("issuers.approvals:read")] as const,
    request: { params: ApprovalParams },
    responses: { 200: one("The waiting user"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{user_id}`,
    tags,
    summary: "Approve (user becomes active) or reject (user is blocked); decisions are final",
    middleware: [requireScope("issuers.approvals:write")] as const,
    request: { params: ApprovalParams, headers: IfMatchHeader, body: jsonBody(DecideApprovalBody) },
    responses: { 200: one("The decided user"), ...conflictResponses, ...errorResponses },
  }),
};

export const approvalRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const issuerId = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listApprovals(createDb(c.env.DB), issuerId, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const { row, data } = await getApproval(
      createDb(c.env.DB),
      await callerIssuerId(c, issuer_id),
      user_id,
    );
    c.header("ETag", etagOf(row));
    return c.json({ data }, 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const { row, data } = await decideApproval(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      user_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    c.header("ETag", etagOf(row));
    return c.json({ data }, 200);
  });
