import { createDb } from "@authpi/domain/db";
import { isDomainError } from "@authpi/domain/errors";
import { parseSessionCookie } from "@authpi/domain/login";
import { logout } from "@authpi/domain/oauth";
import { Hono } from "hono";
import { PageError } from "../errors.ts";
import { clearSessionCookie, readSessionCookie } from "../interaction/cookies.ts";
import type { PageEnv } from "../interaction/index.ts";
import { pageFrame } from "../interaction/page-frame.ts";
import { frontChannelLogoutPage } from "../interaction/pages/front-channel-logout-page.ts";
import { loggedOutPage } from "../interaction/pages/message-pages.ts";
import { keyRing } from "../key-ring.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { allowFrameSources, pageSecurity } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import { issuerStore } from "../store.ts";

/** The end-session endpoint (OIDC RP-Initiated Logout 1.0), GET and form POST. */
export const logoutRoute = new Hono<PageEnv>().on(
  ["GET", "POST"],
  "/logout",
  loadIssuer,
  pageSecurity,
  async (c) => {
    const now = c.get("now");
    const params =
      c.req.method === "POST" ? await formBody(c.req) : new URL(c.req.url).searchParams;
    const store = issuerStore(c.env, c.get("issuer").id);
    const cookie = await parseSessionCookie(readSessionCookie(c));
    const cookieSession = cookie
      ? await store.findOpSession(cookie.id, cookie.secretHash, now)
      : null;
    try {
      const result = await logout(
        {
          db: createDb(c.env.DB),
          store,
          ring: await keyRing(c.env, c.get("issuer").id, now),
          issuerId: c.get("issuer").id,
          issuerUrl: c.get("issuerUrl"),
          clients: c.get("clients"),
          ctx: mutationContext(
            c,
            c.get("issuer").accountId,
            { type: "user", id: cookieSession?.userId ?? null },
            now,
          ),
        },
        {
          idTokenHint: params.get("id_token_hint"),
          postLogoutRedirectUri: params.get("post_logout_redirect_uri"),
          state: params.get("state"),
          clientId: params.get("client_id"),
        },
        cookieSession,
      );
      if (result.browserSessionEnded || !cookieSession) clearSessionCookie(c, c.get("issuer").id);
      if (result.frontChannel.length > 0) {
        allowFrameSources(c, result.frontChannel);
        return c.html(frontChannelLogoutPage(pageFrame(c), result.frontChannel, result.redirectTo));
      }
      if (result.redirectTo)
        return c.redirect(result.redirectTo, c.req.method === "POST" ? 303 : 302);
      return c.html(loggedOutPage(pageFrame(c)));
    } catch (error) {
      if (!isDomainError(error) || error.status >= 500) throw error;
      throw new PageError(400, (t) => t.common.signOutRefusedTitle, error.message);
    }
  },
);
