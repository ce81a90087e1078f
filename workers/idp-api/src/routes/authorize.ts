import { createDb } from "@authpi/domain/db/client";
import { parseSessionCookie } from "@authpi/domain/login/start-session";
import { checkAuthorizeRequest } from "@authpi/domain/oauth/authorize-request";
import {
  authorizationErrorUrl,
  completeAuthorization,
  sessionSatisfies,
} from "@authpi/domain/oauth/complete-authorization";
import { Hono } from "hono";
import { showLogin } from "../authorization-flow.ts";
import { readSessionCookie } from "../cookies.ts";
import { type IssuerEnv, loadIssuer } from "../middleware/issuer.ts";
import { pageSecurity } from "../middleware/page-security.ts";
import { errorPage } from "../pages/login-page.ts";
import { formBody } from "../request-params.ts";
import { issuerStore } from "../store.ts";

type Env = IssuerEnv & { Variables: { cspNonce: string } };

/**
 * The authorization endpoint (RFC 6749 §3.1, OIDC Core §3.1.2), GET and form POST. A live SSO
 * session that satisfies `prompt` and `max_age` gets a code at once; otherwise the sign-in
 * form, or `login_required` for `prompt=none`.
 */
export const authorize = new Hono<Env>().on(
  ["GET", "POST"],
  "/authorize",
  loadIssuer,
  pageSecurity,
  async (c) => {
    const now = c.var.now;
    const status = c.req.method === "POST" ? 303 : 302;
    const params =
      c.req.method === "POST" ? [...(await formBody(c.req))] : [...new URL(c.req.url).searchParams];
    const db = createDb(c.env.DB);
    const clientId = params.find(([key]) => key === "client_id")?.[1];
    const client = clientId ? await c.var.clients(clientId) : undefined;
    const check = checkAuthorizeRequest(params, client, c.var.issuer.availableScopes);
    if (!check.ok && !check.redirect) {
      return c.html(errorPage("Sign-in request refused", check.description, c.var.cspNonce), 400);
    }
    if (!check.ok) {
      return c.redirect(
        authorizationErrorUrl(check, c.var.issuerUrl, check.error, check.description),
        status,
      );
    }
    const request = check.request;
    const store = issuerStore(c.env, c.var.issuer.id);
    const cookie = await parseSessionCookie(readSessionCookie(c));
    const session = cookie ? await store.findOpSession(cookie.id, cookie.secretHash, now) : null;
    if (sessionSatisfies(request, session, now) && session) {
      const deps = { db, store, issuerId: c.var.issuer.id, issuerUrl: c.var.issuerUrl, now };
      return c.redirect(await completeAuthorization(deps, request, session), status);
    }
    if (request.prompt.includes("none")) {
      const reason = session ? "the session does not satisfy max_age" : "no active session";
      return c.redirect(
        authorizationErrorUrl(request, c.var.issuerUrl, "login_required", reason),
        status,
      );
    }
    return showLogin(c, request, now);
  },
);
