import {
  getSession,
  listUserSessions,
  revokeSession,
  type SessionDeps,
  sessionToWire,
  suspendSession,
} from "@authpi/domain/sessions";
import { getUser } from "@authpi/domain/users";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { sessionDeps } from "../issuer-store-client.ts";
import { openApiApp } from "../openapi.ts";
import { routeTable } from "../route-table.ts";
import { IssuerParams, optionalJsonBody } from "../schemas/common.ts";
import {
  RevokeSessionBody,
  SessionListQuery,
  SessionParams,
  SessionSchema,
} from "../schemas/session.ts";
import { UserParams } from "../schemas/user.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/sessions",
  item: "{session_id}",
  tags: ["Sessions"],
  scope: "issuers.sessions",
  params: IssuerParams,
  itemParams: SessionParams,
  schema: SessionSchema,
  noun: "session",
});
const userSessions = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/users/{user_id}/sessions",
  tags: ["Sessions"],
  scope: "issuers.sessions",
  params: UserParams,
  schema: SessionSchema,
  noun: "session",
});

const routes = {
  list: userSessions.list({
    summary: "List a user's sessions, newest first",
    query: SessionListQuery,
    text: "The sessions",
  }),
  get: table.get({ summary: "Get a session" }),
  revoke: table.action("revoke", {
    summary: "Revoke a session for good; an op session takes its rp sessions",
    description:
      "An optional JSON body `{reason}` is recorded as `revoked_reason` (default `admin_revoked`).",
    body: optionalJsonBody(RevokeSessionBody),
  }),
  suspend: table.action("suspend", {
    summary: "Suspend a session (and its rp sessions) until reactivated",
  }),
  reactivate: table.action("reactivate", { summary: "Reactivate a suspended session" }),
};

async function deps(c: Context<AppEnv>, issuerParam: string): Promise<SessionDeps> {
  return sessionDeps(c, await callerIssuerId(c, issuerParam));
}

export const sessionRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.list, async (c) => {
    const { issuer_id, user_id } = c.req.valid("param");
    const d = await deps(c, issuer_id);
    const user = await getUser(d.db, d.issuerId, user_id);
    const sessions = await listUserSessions(d, user.id, c.req.valid("query"));
    const data = sessions.map((s) => sessionToWire(s, d.issuerId));
    return c.json({ data, has_more: false, next_cursor: null }, 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, session_id } = c.req.valid("param");
    const d = await deps(c, issuer_id);
    return c.json({ data: sessionToWire(await getSession(d, session_id), d.issuerId) }, 200);
  })
  .openapi(routes.revoke, async (c) => {
    const { issuer_id, session_id } = c.req.valid("param");
    const d = await deps(c, issuer_id);
    const session = await revokeSession(d, session_id, c.req.valid("json").reason);
    return c.json({ data: sessionToWire(session, d.issuerId) }, 200);
  })
  .openapi(routes.suspend, async (c) => {
    const { issuer_id, session_id } = c.req.valid("param");
    const d = await deps(c, issuer_id);
    return c.json(
      { data: sessionToWire(await suspendSession(d, session_id, true), d.issuerId) },
      200,
    );
  })
  .openapi(routes.reactivate, async (c) => {
    const { issuer_id, session_id } = c.req.valid("param");
    const d = await deps(c, issuer_id);
    const session = await suspendSession(d, session_id, false);
    return c.json({ data: sessionToWire(session, d.issuerId) }, 200);
  });
