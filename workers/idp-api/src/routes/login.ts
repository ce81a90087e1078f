import { sha256Hex, timingSafeEqual } from "@authpi/domain/crypto/hash";
import { createDb } from "@authpi/domain/db/client";
import { startSession } from "@authpi/domain/login/start-session";
import type { AuthorizeRequest } from "@authpi/domain/oauth/authorize-request";
import { completeAuthorization } from "@authpi/domain/oauth/complete-authorization";
import { Hono } from "hono";
import { csrfCookie, setSessionCookie } from "../cookies.ts";
import { type IssuerEnv, loadIssuer } from "../middleware/issuer.ts";
import { allowFormTargets, pageSecurity } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { errorPage, loginPage } from "../pages/login-page.ts";
import { formBody } from "../request-params.ts";
import { refusedSignIn, signInWithPassword } from "../sign-in.ts";
import { issuerStore } from "../store.ts";

type Env = IssuerEnv & { Variables: { cspNonce: string } };

const INVALID = "Incorrect username or password.";

/**
 * The hosted sign-in form's POST. The pending request must exist and the CSRF token must match
 * both the browser's cookie and the hash stored with the request; then the password is checked
 * and, on success, the SSO session opens and the authorization completes with a code.
 */
export const login = new Hono<Env>().post("/login", loadIssuer, pageSecurity, async (c) => {
  const now = Date.now();
  const form = await formBody(c.req);
  const store = issuerStore(c.env, c.var.issuer.id);
  const requestId = form.get("request_id") ?? "";
  const pending = requestId ? await store.loadLoginRequest(requestId, now) : null;
  if (!pending) {
    const message = "This sign-in page has expired. Go back to the application and sign in again.";
    return c.html(errorPage("Sign-in expired", message, c.var.cspNonce), 400);
  }
  const csrf = form.get("csrf_token") ?? "";
  const cookie = csrfCookie(c) ?? "";
  if (
    !csrf ||
    !cookie ||
    !timingSafeEqual(csrf, cookie) ||
    !timingSafeEqual(await sha256Hex(csrf), pending.csrfHash)
  ) {
    const message =
      "The sign-in form could not be verified. Go back to the application and try again.";
    return c.html(errorPage("Request refused", message, c.var.cspNonce), 403);
  }
  const request = JSON.parse(pending.payload) as AuthorizeRequest;
  const db = createDb(c.env.DB);
  const username = form.get("username") ?? "";
  const ctx = mutationContext(c, c.var.issuer.accountId, { type: "system", id: null }, now);
  const password = form.get("password") ?? "";
  const outcome = await signInWithPassword(c, ctx, username, password, request.clientId);
  if (outcome.status !== "ok") {
    const refused = refusedSignIn(c, outcome, INVALID, now);
    allowFormTargets(c, [request.redirectUri]);
    const page = loginPage({
      issuerName: c.var.issuer.name ?? "your account",
      action: `/${c.var.issuer.id}/login`,
      requestId,
      csrfToken: csrf,
      username,
      error: refused.message,
      nonce: c.var.cspNonce,
    });
    return c.html(page, refused.status);
  }
  const userCtx = { ...ctx, actor: { type: "user" as const, id: outcome.user.id } };
  const { session, cookie: value } = await startSession(
    { db, store, issuer: c.var.issuer, ctx: userCtx, clientId: request.clientId },
    outcome.user,
    "password",
  );
  await store.deleteLoginRequest(requestId);
  setSessionCookie(c, c.var.issuer.id, value, Math.floor((session.expiresAt - now) / 1000));
  const deps = { db, store, issuerId: c.var.issuer.id, issuerUrl: c.var.issuerUrl, now };
  return c.redirect(await completeAuthorization(deps, request, session), 303);
});
