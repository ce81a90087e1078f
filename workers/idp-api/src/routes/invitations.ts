import { randomToken, timingSafeEqual } from "@authpi/domain/crypto/hash";
import { createDb } from "@authpi/domain/db/client";
import { isDomainError } from "@authpi/domain/errors";
import {
  acceptInvitation,
  type OpenInvitation,
  openInvitation,
} from "@authpi/domain/organizations/accept-invitation";
import { CreateUserInput, createUser } from "@authpi/domain/users/create-user";
import type { Context } from "hono";
import { Hono } from "hono";
import { csrfCookie, setCsrfCookie } from "../cookies.ts";
import { type IssuerEnv, loadIssuer } from "../middleware/issuer.ts";
import { pageSecurity } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { invitationPage, joinedPage } from "../pages/invitation-page.ts";
import { errorPage } from "../pages/login-page.ts";
import { formBody } from "../request-params.ts";
import { refusedSignIn, signInWithPassword } from "../sign-in.ts";

type Env = IssuerEnv & { Variables: { cspNonce: string } };
type C = Context<Env>;

function page(c: C, open: OpenInvitation, token: string, csrf: string, error: string | null) {
  return invitationPage({
    orgName: open.orgName,
    inviter: open.invitation.inviter?.name ?? null,
    title: open.invitation.userTitle,
    email: open.invitation.emailInvited,
    hasAccount: open.existingUser !== null,
    action: `/${c.var.issuer.id}/invitations/accept`,
    token,
    csrfToken: csrf,
    error,
    nonce: c.var.cspNonce,
  });
}

/** A broken or stale link is an error page, never a redirect. */
async function opened(c: C, token: string) {
  try {
    return await openInvitation(createDb(c.env.DB), c.var.issuer.id, token, Date.now());
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return c.html(errorPage("Invitation not valid", error.message, c.var.cspNonce), 410);
  }
}

/**
 * The invitee's side of an invitation: the emailed link shows who invites them where; they
 * sign in (an account with that address exists) or choose a password (it does not), and the
 * membership is created with the invited scopes. CSRF: double-submit cookie.
 */
export const invitations = new Hono<Env>()
  .get("/invitations/accept", loadIssuer, pageSecurity, async (c) => {
    const token = c.req.query("token") ?? "";
    const open = await opened(c, token);
    if (open instanceof Response) return open;
    let csrf = csrfCookie(c);
    if (!csrf || !/^[A-Za-z0-9_-]{43}$/.test(csrf)) {
      csrf = randomToken(32);
      setCsrfCookie(c, c.var.issuer.id, csrf);
    }
    return c.html(page(c, open, token, csrf, null));
  })
  .post("/invitations/accept", loadIssuer, pageSecurity, async (c) => {
    const now = Date.now();
    const form = await formBody(c.req);
    const csrf = form.get("csrf_token") ?? "";
    const cookie = csrfCookie(c) ?? "";
    if (!csrf || !cookie || !timingSafeEqual(csrf, cookie)) {
      const message = "The form could not be verified. Open the invitation link again.";
      return c.html(errorPage("Request refused", message, c.var.cspNonce), 403);
    }
    const token = form.get("token") ?? "";
    const open = await opened(c, token);
    if (open instanceof Response) return open;
    const db = createDb(c.env.DB);
    const issuerId = c.var.issuer.id;
    const ctx = mutationContext(c, c.var.issuer.accountId, { type: "system", id: null }, now);
    const password = form.get("password") ?? "";
    let user = open.existingUser;
    if (user) {
      const outcome = await signInWithPassword(c, ctx, user.username, password);
      if (outcome.status !== "ok") {
        const refused = refusedSignIn(c, outcome, "Incorrect password.", now);
        return c.html(page(c, open, token, csrf, refused.message), refused.status);
      }
      user = outcome.user;
    } else {
      const input = CreateUserInput.safeParse({
        username_type: "email",
        username: open.invitation.emailInvited,
        password,
      });
      if (!input.success) {
        const error = "Choose a password of at least 8 characters.";
        return c.html(page(c, open, token, csrf, error), 422);
      }
      user = await createUser(db, ctx, issuerId, input.data);
    }
    await acceptInvitation(db, { ...ctx, actor: { type: "user", id: user.id } }, open, user);
    return c.html(joinedPage(open.orgName, c.var.cspNonce));
  });
