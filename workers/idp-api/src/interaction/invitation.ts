import { createDb } from "@authpi/domain/db";
import type { OpenInvitation } from "@authpi/domain/organizations";
import { CreateUserInput, createUser } from "@authpi/domain/users";
import type { Context } from "hono";
import { Hono } from "hono";
import { loadIssuer } from "../middleware/issuer.ts";
import { pageSecurity } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { ensureCsrf, verifyCsrf } from "./csrf.ts";
import { openedInvitation } from "./invitation-join.ts";
import { continueSignIn } from "./next-step.ts";
import { pageFrame } from "./page-frame.ts";
import { invitationPage } from "./pages/invitation-page.ts";
import { refusedSignIn, signInWithPassword } from "./password-check.ts";
import type { Interaction } from "./state.ts";

type C = Context<PageEnv>;

function page(c: C, open: OpenInvitation, token: string, csrf: string, error: string | null) {
  return invitationPage({
    orgName: open.orgName,
    inviter: open.invitation.inviter?.name ?? null,
    title: open.invitation.userTitle,
    email: open.invitation.emailInvited,
    hasAccount: open.existingUser !== null,
    action: `/${c.get("issuer").id}/invitations/accept`,
    token,
    csrfToken: csrf,
    error,
    frame: pageFrame(c),
  });
}

function opened(c: C, token: string) {
  return openedInvitation(createDb(c.env.DB), c.get("issuer").id, token, c.get("now"));
}

/**
 * The invitee's side of an invitation: the emailed link shows who invites them where; they
 * sign in (an account with that address exists) or choose a password (it does not), and the
 * membership is created with the invited scopes, after the same second-factor steps as any
 * sign-in (an organization with `enforce_2fa` enrolls one first). CSRF: double-submit cookie.
 */
export const invitationRoutes = (complete: CompleteAuthorization) =>
  new Hono<PageEnv>()
    .get("/invitations/accept", loadIssuer, pageSecurity, async (c) => {
      const token = c.req.query("token") ?? "";
      const open = await opened(c, token);
      const csrf = ensureCsrf(c, c.get("issuer").id);
      return c.html(page(c, open, token, csrf, null));
    })
    .post("/invitations/accept", loadIssuer, pageSecurity, async (c) => {
      const now = c.get("now");
      const form = await formBody(c.req);
      const csrf = form.get("csrf_token") ?? "";
      await verifyCsrf(c, csrf, null);
      const token = form.get("token") ?? "";
      const open = await opened(c, token);
      const db = createDb(c.env.DB);
      const issuerId = c.get("issuer").id;
      const ctx = mutationContext(c, c.get("issuer").accountId, { type: "system", id: null }, now);
      const password = form.get("password") ?? "";
      let user = open.existingUser;
      if (user) {
        const outcome = await signInWithPassword(c, ctx, user.username, password);
        if (outcome.status !== "ok") {
          const refused = refusedSignIn(c, outcome, c.get("t").signIn.invalidPassword, now);
          return c.html(page(c, open, token, csrf, refused.message), refused.status);
        }
        user = outcome.user;
      } else {
        const input = CreateUserInput.safeParse({
          username_type: "email",
          username: open.invitation.emailInvited,
          // The link was emailed to this address: following it proves the address is theirs.
          profile: { email: open.invitation.emailInvited, email_verified: true },
          password,
        });
        if (!input.success) {
          return c.html(page(c, open, token, csrf, c.get("t").signIn.passwordTooShort), 422);
        }
        user = await createUser(db, ctx, issuerId, input.data);
      }
      const state: Interaction = { step: "identify", invitationToken: token };
      return continueSignIn(c, complete, { id: "", state, csrf }, user, ["pwd"], now);
    });
