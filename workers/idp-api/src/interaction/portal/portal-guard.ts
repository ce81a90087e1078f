import { createDb } from "@authpi/domain/db";
import { issuerSettings } from "@authpi/domain/issuers";
import { parseSessionCookie } from "@authpi/domain/login";
import type { SessionView } from "@authpi/domain/oauth";
import {
  isSteppedUp,
  openPortalSession,
  type PortalSession,
  portalAccess,
  portalCsrfMatches,
} from "@authpi/domain/portal";
import { getUser, listUserVerifiers, type UserRow } from "@authpi/domain/users";
import { createMiddleware } from "hono/factory";
import { PageError } from "../../errors.ts";
import { formBody } from "../../request-params.ts";
import { issuerStore } from "../../store.ts";
import type { PageEnv } from "../contract.ts";
import { readSessionCookie } from "../cookies.ts";
import { clearPortalCookie, readPortalCookie } from "./portal-cookies.ts";

/** What every portal request knows once its session is checked. */
export type AccountEnv = PageEnv & {
  Variables: {
    portal: PortalSession;
    user: UserRow;
    /** The op session the portal is bound to (the browser's SSO session). */
    opSession: SessionView;
    hasSecondFactor: boolean;
    /** A sign-in recent enough for sensitive changes (docs/decisions/portal.md). */
    steppedUp: boolean;
    /** The POST's form, its CSRF token checked. */
    form: URLSearchParams;
  };
};

/** The second factor the sign-in asks after a password; a passkey is a way in by itself. */
const SECOND_FACTORS = new Set(["totp_app"]);

/** `settings.portals`: the issuer's own page instead (redirect), or no portal at all (404). */
export const portalEnabled = createMiddleware<PageEnv>(async function portalEnabled(c, next) {
  const access = portalAccess(issuerSettings(c.get("issuer").settings).portals);
  if (access.kind === "elsewhere") return c.redirect(access.url, 302);
  if (access.kind === "off") {
    throw new PageError(
      404,
      (t) => t.account.offTitle,
      (t) => t.account.off,
    );
  }
  await next();
});

/** The live op session of the browser's SSO cookie, when it is the one the portal signed in from. */
async function boundOpSession(c: Parameters<typeof portalSignedIn>[0], portal: PortalSession) {
  const cookie = await parseSessionCookie(readSessionCookie(c));
  if (!cookie || cookie.id !== portal.sid) return null;
  const store = issuerStore(c.env, c.get("issuer").id);
  const session = await store.findOpSession(cookie.id, cookie.secretHash, c.get("now"));
  return session?.userId === portal.sub ? session : null;
}

/**
 * A portal session bound to the browser's live SSO session, or the way to sign in (303 after
 * a POST, so a form is never replayed). A POST must carry the session's CSRF token.
 */
export const portalSignedIn = createMiddleware<AccountEnv>(async function portalSignedIn(c, next) {
  const issuerId = c.get("issuer").id;
  const now = c.get("now");
  const key = c.env.KEY_ENCRYPTION_SECRET;
  const portal = await openPortalSession(key, issuerId, readPortalCookie(c), now);
  const opSession = portal ? await boundOpSession(c, portal) : null;
  const db = createDb(c.env.DB);
  const user =
    portal && opSession ? await getUser(db, issuerId, portal.sub).catch(() => null) : null;
  if (!portal || !opSession || user?.status !== "active") {
    clearPortalCookie(c, issuerId);
    return c.redirect(`/${issuerId}/account/sign-in`, c.req.method === "POST" ? 303 : 302);
  }
  if (c.req.method === "POST") {
    const form = await formBody(c.req);
    if (!portalCsrfMatches(portal, form.get("csrf_token") ?? "")) {
      throw new PageError(
        403,
        (t) => t.common.requestRefusedTitle,
        (t) => t.account.formRefused,
      );
    }
    c.set("form", form);
  }
  const verifiers = await listUserVerifiers(db, issuerId, user.id, now);
  const hasSecondFactor = verifiers.some(
    (v) => v.status === "active" && SECOND_FACTORS.has(v.type),
  );
  c.set("portal", portal);
  c.set("user", user);
  c.set("opSession", opSession);
  c.set("hasSecondFactor", hasSecondFactor);
  c.set("steppedUp", isSteppedUp(portal, hasSecondFactor, now));
  await next();
});

/** Sensitive changes: without a sign-in of the last 5 minutes, a new one first (303, nothing changed). */
export const steppedUp = createMiddleware<AccountEnv>(async function steppedUp(c, next) {
  if (!c.get("steppedUp"))
    return c.redirect(`/${c.get("issuer").id}/account/sign-in?step_up=1`, 303);
  await next();
});
