import { createDb } from "@authpi/domain/db";
import { isTokenShaped } from "@authpi/domain/email-tokens";
import {
  EMAIL_SIGN_IN_AMR,
  EMAIL_SIGN_IN_METHOD,
  emailSignInTtlMs,
  openEmailLink,
  requestEmailSignIn,
  verifyEmailCode,
} from "@authpi/domain/login";
import { ssoOnlyRealm } from "@authpi/domain/organizations";
import type { Context } from "hono";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { PageError } from "../errors.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { textsOf } from "../middleware/page-locale.ts";
import { allowFormTargets, pageSecurity } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import { issuerStore } from "../store.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { csrfCookie } from "./cookies.ts";
import { emailSignInEnabled, showIdentify } from "./identify.ts";
import { sendJourneyMail } from "./journey-mail.ts";
import { continueSignIn } from "./next-step.ts";
import { pageFrame } from "./page-frame.ts";
import { waitText } from "./page-messages.ts";
import { elsewherePage, emailCodePage } from "./pages/email-sign-in-pages.ts";
import {
  advanceInteraction,
  type Interaction,
  newInteractionId,
  openInteraction,
} from "./state.ts";
import { wayBack } from "./way-back.ts";

type C = Context<PageEnv>;

function deps(c: C, clientId: string | null) {
  return {
    db: createDb(c.env.DB),
    store: issuerStore(c.env, c.get("issuer").id),
    issuerId: c.get("issuer").id,
    ctx: mutationContext(c, c.get("issuer").accountId, { type: "system", id: null }, c.get("now")),
    clientId,
  };
}

/** A step that no longer applies; the way back to the client when the request is known. */
async function expired(c: C, request: Interaction["request"]): Promise<never> {
  throw new PageError(
    400,
    (t) => t.common.expiredTitle,
    (t) => t.common.expired,
    await wayBack(c, request),
  );
}

function showCode(
  c: C,
  p: { id: string; csrf: string; state: Interaction; error: string | null },
  status: ContentfulStatusCode = 200,
) {
  if (p.state.request) allowFormTargets(c, [p.state.request.redirectUri]);
  const page = emailCodePage({
    frame: pageFrame(c),
    action: `/${c.get("issuer").id}/login/email/code`,
    requestId: p.id,
    csrfToken: p.csrf,
    email: p.state.emailChallenge?.username ?? "",
    error: p.error,
  });
  return c.html(page, status);
}

/** "Email me a sign-in code": one email with a code and a link, the same page for any address. */
async function sendCode(c: C) {
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, c.get("now"));
  const { id, state, csrf } = open;
  const request = state.request;
  if (state.step !== "identify" || !request || !(await emailSignInEnabled(c, request))) {
    return expired(c, request);
  }
  const t = textsOf(c);
  const username = (form.get("username") ?? "").trim();
  if (!username) {
    return showIdentify(
      c,
      { id, csrf, request, username, error: t.emailSignIn.usernameRequired },
      422,
    );
  }
  const d = deps(c, request.clientId);
  const realm = await ssoOnlyRealm(d.db, c.get("issuer").id, username);
  if (realm) {
    const organization = realm.orgName ?? t.enterpriseSso.yourOrganization;
    const error = t.enterpriseSso.required({ organization });
    return showIdentify(c, { id, csrf, request, username, error }, 403);
  }
  // The next step's id goes into the link's record, so following the link resumes it.
  const nextId = newInteractionId();
  const ttl = await emailSignInTtlMs(d.db, c.get("issuer").id);
  const sent = await requestEmailSignIn(d, username, csrf, nextId, ttl);
  if (sent.status === "throttled") {
    c.header("Retry-After", String(Math.ceil(sent.retryAfterMs / 1000)));
    const error = t.emailSignIn.throttled({ wait: waitText(t, sent.retryAfterMs) });
    return showIdentify(c, { id, csrf, request, username, error }, 429);
  }
  const next: Interaction = {
    ...state,
    step: "email_code",
    emailChallenge: { tokenHash: sent.tokenHash, username },
  };
  await advanceInteraction(c, id, next, csrf, c.get("now"), nextId);
  if (sent.mail) {
    const link = `${c.get("issuerUrl")}/login/email/link?${new URLSearchParams({ token: sent.mail.token })}`;
    sendJourneyMail(c, {
      template: "sign-in-code",
      to: sent.mail.to,
      values: { link, code: sent.mail.code },
      key: `sign-in-code:${sent.tokenHash}`,
    });
  }
  return showCode(c, { id: nextId, csrf, state: next, error: null });
}

/** The code page's POST: a right code signs in (then the policy's next step), 5 wrong lock. */
async function checkCode(c: C, complete: CompleteAuthorization) {
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, c.get("now"));
  const { state } = open;
  const challenge = state.emailChallenge;
  if (state.step !== "email_code" || !challenge || !state.request) {
    return expired(c, state.request);
  }
  const t = textsOf(c);
  const outcome = await verifyEmailCode(
    deps(c, state.request.clientId),
    challenge.username,
    challenge.tokenHash,
    form.get("code") ?? "",
  );
  if (outcome.status === "locked")
    return showCode(c, { ...open, error: t.emailSignIn.locked }, 403);
  if (outcome.status !== "ok") {
    return showCode(c, { ...open, error: t.emailSignIn.invalidCode }, 401);
  }
  return signedIn(c, complete, open, outcome.user);
}

function signedIn(
  c: C,
  complete: CompleteAuthorization,
  open: { id: string; state: Interaction; csrf: string },
  user: Parameters<typeof continueSignIn>[3],
) {
  const state: Interaction = { ...open.state, firstFactor: EMAIL_SIGN_IN_METHOD };
  delete state.emailChallenge;
  return continueSignIn(c, complete, { ...open, state }, user, EMAIL_SIGN_IN_AMR, c.get("now"));
}

/**
 * The emailed link: in the browser that asked (its CSRF secret, which the interaction is bound
 * to) it signs in; anywhere else it shows the code to type in the first browser.
 */
async function followLink(c: C, complete: CompleteAuthorization) {
  const invalid = () => {
    throw new PageError(
      410,
      (t) => t.emailSignIn.linkInvalidTitle,
      (t) => t.emailSignIn.linkInvalid,
    );
  };
  const token = c.req.query("token") ?? "";
  if (!isTokenShaped(token)) invalid();
  const csrf = csrfCookie(c);
  const outcome = await openEmailLink(deps(c, null), token, csrf);
  if (outcome.status === "elsewhere") {
    return c.html(elsewherePage(pageFrame(c), outcome.code));
  }
  if (outcome.status === "locked") {
    throw new PageError(
      403,
      (t) => t.emailSignIn.linkInvalidTitle,
      (t) => t.emailSignIn.locked,
    );
  }
  if (outcome.status !== "ok" || !csrf) return invalid();
  const parked = await issuerStore(c.env, c.get("issuer").id).loadLoginRequest(
    outcome.resume,
    c.get("now"),
  );
  const state = parked ? (JSON.parse(parked.payload) as Interaction) : null;
  if (state?.step !== "email_code" || !state.request) return invalid();
  return signedIn(c, complete, { id: outcome.resume, state, csrf }, outcome.user);
}

/** Email sign-in (docs/email-sign-in.md), the `email-link` auth method. */
export const emailSignInRoutes = (complete: CompleteAuthorization) =>
  new Hono<PageEnv>()
    .post("/login/email", loadIssuer, pageSecurity, (c) => sendCode(c))
    .post("/login/email/code", loadIssuer, pageSecurity, (c) => checkCode(c, complete))
    .get("/login/email/link", loadIssuer, pageSecurity, (c) => followLink(c, complete));
