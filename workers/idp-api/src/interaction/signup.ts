import { createDb } from "@authpi/domain/db";
import { issuerSettings } from "@authpi/domain/issuers";
import { ssoOnlyRealm } from "@authpi/domain/organizations";
import {
  checkNewPassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "@authpi/domain/passwords";
import { registerUser, signupPolicy, signupRefusal, standInId } from "@authpi/domain/signup";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { PageError } from "../errors.ts";
import { languageOf, useLocale } from "../middleware/page-locale.ts";
import { allowFormTargets } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import { issuerStore } from "../store.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { ensureCsrf } from "./csrf.ts";
import { sendVerification, showVerifyEmail } from "./email-verification.ts";
import { showIdentify } from "./identify.ts";
import { continueSignIn } from "./next-step.ts";
import { pageFrame } from "./page-frame.ts";
import { signupPage } from "./pages/signup-page.ts";
import { advanceInteraction, type Interaction, openInteraction } from "./state.ts";

const Email = z.email().max(320);

function expired() {
  return new PageError(
    400,
    (t) => t.common.expiredTitle,
    (t) => t.common.expired,
  );
}

/** Signup off (or the issuer's own page instead): a 403 page, as the login page hides the link. */
function requireSignup(c: Context<PageEnv>) {
  const policy = signupPolicy(issuerSettings(c.get("issuer").settings));
  if (!policy.hosted)
    throw new PageError(
      403,
      (t) => t.signup.closedTitle,
      (t) => t.signup.closed,
    );
  return policy;
}

interface Shown {
  id: string;
  csrf: string;
  state: Interaction;
  email: string;
  name: string;
  error: string | null;
  advice: string[];
}

async function showSignup(c: Context<PageEnv>, p: Shown, status: ContentfulStatusCode = 200) {
  const request = p.state.request;
  if (!request) throw expired();
  allowFormTargets(c, [request.redirectUri]);
  const client = await c.get("clients")(request.clientId);
  const page = signupPage({
    frame: pageFrame(c, { clientName: client?.name ?? null }),
    action: `/${c.get("issuer").id}/signup`,
    signInUrl: `/${c.get("issuer").id}/login?${new URLSearchParams({ request_id: p.id })}`,
    requestId: p.id,
    csrfToken: p.csrf,
    email: p.email,
    name: p.name,
    error: p.error,
    advice: p.advice,
    minLength: PASSWORD_MIN_LENGTH,
  });
  return c.html(page, status);
}

/** The interaction a link's `request_id` names, still at its first step; it is only read. */
async function firstStep(c: Context<PageEnv>) {
  const id = c.req.query("request_id") ?? "";
  const parked = id
    ? await issuerStore(c.env, c.get("issuer").id).loadLoginRequest(id, c.get("now"))
    : null;
  if (!parked) throw expired();
  const state = JSON.parse(parked.payload) as Interaction;
  if (state.step !== "identify" || !state.request) throw expired();
  useLocale(c, state.request.uiLocales);
  return { id, state, request: state.request, csrf: ensureCsrf(c, c.get("issuer").id) };
}

/**
 * GET `/signup?request_id=…`: the form, for a sign-in still at its first step; the issuer's
 * own page (`portals.signup_page_url`) when it replaces ours.
 */
export async function signupForm(c: Context<PageEnv>) {
  const own = signupPolicy(issuerSettings(c.get("issuer").settings)).externalUrl;
  if (own) return c.redirect(own, 303);
  requireSignup(c);
  const { id, state, request, csrf } = await firstStep(c);
  return showSignup(c, {
    id,
    csrf,
    state,
    email: request.loginHint ?? "",
    name: "",
    error: null,
    advice: [],
  });
}

/** GET `/login?request_id=…`: back from the signup page to the sign-in form of the same request. */
export async function signInForm(c: Context<PageEnv>) {
  const { id, request, csrf } = await firstStep(c);
  return showIdentify(c, { id, csrf, request, username: request.loginHint ?? "", error: null });
}

/**
 * POST `/signup` (docs/decisions/signup.md): creates the account and goes on with the sign-in
 * (verification first when the issuer requires it). An address that already has an account
 * gets the same "check your email" page and no email, its resends and codes answered through a
 * stand-in as a new account's are, so the form tells nobody who is registered.
 */
export async function signupStep(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const now = c.get("now");
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, now);
  if (open.state.step !== "identify" || !open.state.request) throw expired();
  const policy = requireSignup(c);
  const { t, locale } = languageOf(c);
  const email = (form.get("email") ?? "").trim().toLowerCase();
  const name = (form.get("name") ?? "").trim();
  const password = form.get("password") ?? "";
  const again = (error: string, advice: string[] = [], status: ContentfulStatusCode = 422) =>
    showSignup(c, { ...open, email, name, error, advice }, status);
  if (!Email.safeParse(email).success) return again(t.signup.invalidEmail);
  if (name.length > 400) return again(t.signup.nameTooLong);
  if (signupRefusal(policy, email) === "domain_not_allowed")
    throw new PageError(
      403,
      (m) => m.signup.domainRefusedTitle,
      (m) => m.signup.domainRefused,
    );
  // An SSO-only organization's people get their accounts from its IdP, never a password here.
  const realm = await ssoOnlyRealm(createDb(c.env.DB), c.get("issuer").id, email);
  if (realm) {
    const organization = realm.orgName ?? t.enterpriseSso.yourOrganization;
    return again(t.enterpriseSso.required({ organization }), [], 403);
  }
  const verdict = checkNewPassword(password, { locale, userInputs: [email, name] });
  if (!verdict.ok) {
    if (verdict.reason === "too_short")
      return again(t.signup.passwordTooShort({ min: String(PASSWORD_MIN_LENGTH) }));
    if (verdict.reason === "too_long")
      return again(t.signup.passwordTooLong({ max: String(PASSWORD_MAX_LENGTH) }));
    const advice = [verdict.warning, ...verdict.suggestions].filter((s): s is string => !!s);
    return again(t.signup.passwordWeak, advice);
  }
  const ctx = mutationContext(c, c.get("issuer").accountId, { type: "system", id: null }, now);
  const result = await registerUser(createDb(c.env.DB), ctx, c.get("issuer").id, policy, {
    email,
    password,
    name: name || null,
  });
  if (result.status === "created")
    return continueSignIn(c, complete, open, result.user, ["pwd"], now);
  const standIn = await standInId(email);
  const state: Interaction = { request: open.state.request, step: "verify_email", email, standIn };
  const id = await advanceInteraction(c, open.id, state, open.csrf, now);
  const notice = await sendVerification(c, { id: standIn, email }, id, now, false);
  return showVerifyEmail(c, { id, csrf: open.csrf, state }, { notice });
}
