import { sha256Hex } from "@authpi/domain/crypto";
import { createDb } from "@authpi/domain/db";
import { isTokenShaped } from "@authpi/domain/email-tokens";
import { issuerSettings } from "@authpi/domain/issuers";
import { completePasswordReset, requestPasswordReset } from "@authpi/domain/login";
import type { AuthorizeRequest } from "@authpi/domain/oauth";
import { ssoOnlyRealm } from "@authpi/domain/organizations";
import { checkNewPassword, type PasswordVerdict } from "@authpi/domain/passwords";
import { getUser } from "@authpi/domain/users";
import type { Context } from "hono";
import { Hono } from "hono";
import { PageError } from "../errors.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { languageOf, textsOf } from "../middleware/page-locale.ts";
import { pageSecurity } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import { issuerStore } from "../store.ts";
import type { PageEnv } from "./contract.ts";
import { ensureCsrf, verifyCsrf } from "./csrf.ts";
import { showIdentify } from "./identify.ts";
import { sendJourneyMail } from "./journey-mail.ts";
import { pageFrame } from "./page-frame.ts";
import { waitText } from "./page-messages.ts";
import { forgotPage, newPasswordPage, resetDonePage, resetSentPage } from "./pages/reset-pages.ts";
import { type Interaction, parkInteraction } from "./state.ts";

type C = Context<PageEnv>;

/** What a reset link resumes: the sign-in it was asked from, if any. */
interface ResetPayload {
  request: AuthorizeRequest | null;
}

function requireResetOn(c: C) {
  const { portals } = issuerSettings(c.get("issuer").settings);
  if (!portals.enable_password_reset) {
    throw new PageError(
      403,
      (t) => t.reset.disabledTitle,
      (t) => t.reset.disabled,
    );
  }
}

/** The sign-in a form names, when it is still pending (a reset may also start on its own). */
async function pendingRequest(c: C, requestId: string): Promise<AuthorizeRequest | null> {
  if (!requestId) return null;
  const parked = await issuerStore(c.env, c.get("issuer").id).loadLoginRequest(
    requestId,
    c.get("now"),
  );
  const state = parked ? (JSON.parse(parked.payload) as Interaction) : null;
  return state?.step === "identify" ? (state.request ?? null) : null;
}

function showForgot(
  c: C,
  p: { requestId: string; email: string; error: string | null },
  status: 200 | 403 | 422 | 429 = 200,
) {
  const csrf = ensureCsrf(c, c.get("issuer").id);
  const page = forgotPage({
    frame: pageFrame(c),
    csrfToken: csrf,
    action: `/${c.get("issuer").id}/forgot-password`,
    requestId: p.requestId || null,
    email: p.email,
    error: p.error,
  });
  return c.html(page, status);
}

function showNewPassword(c: C, token: string, error: string | null, status: 200 | 422 = 200) {
  const page = newPasswordPage({
    frame: pageFrame(c),
    csrfToken: ensureCsrf(c, c.get("issuer").id),
    action: `/${c.get("issuer").id}/forgot-password/reset`,
    token,
    error,
  });
  return c.html(page, status);
}

function linkInvalid(): never {
  throw new PageError(
    410,
    (t) => t.reset.linkInvalidTitle,
    (t) => t.reset.linkInvalid,
  );
}

/** The link's token, when it names a live reset link; opening the page does not spend it. */
async function liveToken(c: C, token: string): Promise<{ tokenHash: string; userId: string }> {
  const tokenHash = isTokenShaped(token) ? await sha256Hex(token) : "";
  const record = tokenHash
    ? await issuerStore(c.env, c.get("issuer").id).peekEmailToken(tokenHash, c.get("now"))
    : null;
  if (record?.purpose !== "password_reset" || !record.userId) linkInvalid();
  return { tokenHash, userId: record.userId };
}

/** Why a new password is refused, in the page's language (the library's hints for a weak one). */
function refusal(t: ReturnType<typeof textsOf>, verdict: Exclude<PasswordVerdict, { ok: true }>) {
  if (verdict.reason !== "weak") {
    return verdict.reason === "too_short" ? t.reset.passwordTooShort : t.reset.passwordTooLong;
  }
  return [t.reset.passwordWeak, verdict.warning, ...verdict.suggestions].filter(Boolean).join(" ");
}

/**
 * Password reset (docs/password-reset.md): the address is asked for and every address gets
 * the same page after the same work; the emailed link (30 minutes, once) opens the new-password
 * page; the reset ends every session of the user and resumes the sign-in it came from.
 */
export const passwordResetRoutes = new Hono<PageEnv>()
  .get("/forgot-password", loadIssuer, pageSecurity, async (c) => {
    requireResetOn(c);
    return showForgot(c, { requestId: c.req.query("request_id") ?? "", email: "", error: null });
  })
  .post("/forgot-password", loadIssuer, pageSecurity, async (c) => {
    requireResetOn(c);
    const now = c.get("now");
    const form = await formBody(c.req);
    const t = textsOf(c);
    await verifyCsrf(c, form.get("csrf_token") ?? "", null, t.reset.formRefused);
    const requestId = form.get("request_id") ?? "";
    const email = (form.get("email") ?? "").trim();
    if (!email) return showForgot(c, { requestId, email, error: t.reset.emailRequired }, 422);
    // An SSO-only domain has no password here to reset (docs/enterprise-sso.md): refused by the
    // domain, whoever asks, so nothing is told about the account and no mail is sent.
    const realm = await ssoOnlyRealm(createDb(c.env.DB), c.get("issuer").id, email);
    if (realm) {
      const organization = realm.orgName ?? t.enterpriseSso.yourOrganization;
      const error = t.enterpriseSso.required({ organization });
      return showForgot(c, { requestId, email, error }, 403);
    }
    const payload: ResetPayload = { request: await pendingRequest(c, requestId) };
    const ctx = mutationContext(c, c.get("issuer").accountId, { type: "system", id: null }, now);
    const deps = {
      db: createDb(c.env.DB),
      store: issuerStore(c.env, c.get("issuer").id),
      issuerId: c.get("issuer").id,
      ctx,
    };
    const outcome = await requestPasswordReset(deps, email, JSON.stringify(payload));
    if (outcome.status === "throttled") {
      c.header("Retry-After", String(Math.ceil(outcome.retryAfterMs / 1000)));
      const error = t.reset.throttled({ wait: waitText(t, outcome.retryAfterMs) });
      return showForgot(c, { requestId, email, error }, 429);
    }
    if (outcome.mail) {
      const link = `${c.get("issuerUrl")}/forgot-password/reset?${new URLSearchParams({ token: outcome.mail.token })}`;
      sendJourneyMail(c, {
        template: "password-reset",
        to: outcome.mail.to,
        values: { link },
        key: `password-reset:${await sha256Hex(outcome.mail.token)}`,
      });
    }
    return c.html(resetSentPage(pageFrame(c), email));
  })
  .get("/forgot-password/reset", loadIssuer, pageSecurity, async (c) => {
    requireResetOn(c);
    const token = c.req.query("token") ?? "";
    await liveToken(c, token);
    return showNewPassword(c, token, null);
  })
  .post("/forgot-password/reset", loadIssuer, pageSecurity, async (c) => {
    requireResetOn(c);
    const now = c.get("now");
    const form = await formBody(c.req);
    const t = textsOf(c);
    const csrf = form.get("csrf_token") ?? "";
    await verifyCsrf(c, csrf, null, t.reset.formRefused);
    const token = form.get("token") ?? "";
    const { tokenHash, userId } = await liveToken(c, token);
    const password = form.get("password") ?? "";
    const user = await getUser(createDb(c.env.DB), c.get("issuer").id, userId);
    const verdict = checkNewPassword(password, {
      locale: languageOf(c).locale,
      userInputs: [user.username],
    });
    if (!verdict.ok) return showNewPassword(c, token, refusal(t, verdict), 422);
    const ctx = mutationContext(c, c.get("issuer").accountId, { type: "system", id: null }, now);
    const deps = {
      db: createDb(c.env.DB),
      store: issuerStore(c.env, c.get("issuer").id),
      issuerId: c.get("issuer").id,
      ctx,
    };
    const done = await completePasswordReset(deps, tokenHash, password);
    if (done.status !== "ok") linkInvalid();
    const { request } = JSON.parse(done.payload) as ResetPayload;
    if (!request) return c.html(resetDonePage(pageFrame(c)));
    const id = await parkInteraction(c, { request, step: "identify" }, csrf, now);
    const shown = {
      id,
      csrf,
      request,
      username: done.user.username,
      error: null,
      notice: t.reset.done,
    };
    return showIdentify(c, shown);
  });
