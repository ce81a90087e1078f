import { sha256Hex, timingSafeEqual } from "@authpi/domain/crypto";
import { createDb } from "@authpi/domain/db";
import { refuseStandInCode, verifyEmailCode, verifyEmailLink } from "@authpi/domain/signup";
import { getUser, type UserRow } from "@authpi/domain/users";
import type { Context } from "hono";
import { PageError } from "../errors.ts";
import { textsOf, useLocale } from "../middleware/page-locale.ts";
import { formBody } from "../request-params.ts";
import { issuerStore } from "../store.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { csrfCookie } from "./cookies.ts";
import { sendVerification, showVerifyEmail, verificationDeps } from "./email-verification.ts";
import { continueSignIn } from "./next-step.ts";
import { pageFrame } from "./page-frame.ts";
import { emailVerifiedPage } from "./pages/verify-email-page.ts";
import { type Interaction, openInteraction } from "./state.ts";

const expired = () =>
  new PageError(
    400,
    (t) => t.common.expiredTitle,
    (t) => t.common.expired,
  );

async function openVerifyStep(c: Context<PageEnv>, now: number) {
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, now);
  if (open.state.step !== "verify_email") throw expired();
  return { open, form };
}

function userOf(c: Context<PageEnv>, userId: string): Promise<UserRow> {
  return getUser(createDb(c.env.DB), c.get("issuer").id, userId);
}

/** POST `/verify-email`: the typed code; right, the sign-in goes on where it stopped. */
export async function verifyCodeStep(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const now = c.get("now");
  const { open, form } = await openVerifyStep(c, now);
  const t = textsOf(c);
  const { userId, standIn } = open.state;
  // A signup for an address that already has an account waits here with no user: no code fits.
  if (!userId) {
    const refused = standIn
      ? await refuseStandInCode(issuerStore(c.env, c.get("issuer").id), standIn, now)
      : { status: "invalid" as const };
    if (refused.status === "locked")
      return showVerifyEmail(c, open, { error: t.verification.locked }, 403);
    return showVerifyEmail(c, open, { error: t.verification.invalidCode }, 400);
  }
  const user = await userOf(c, userId);
  // Verified meanwhile (the link, maybe opened by a mail scanner): nothing left to prove.
  if (user.profile.email_verified)
    return continueSignIn(c, complete, open, user, open.state.amr ?? [], now);
  const outcome = await verifyEmailCode(
    verificationDeps(c, userId, now),
    userId,
    form.get("code") ?? "",
  );
  if (outcome.status === "locked")
    return showVerifyEmail(c, open, { error: t.verification.locked }, 403);
  if (outcome.status === "invalid")
    return showVerifyEmail(c, open, { error: t.verification.invalidCode }, 400);
  return continueSignIn(c, complete, open, await userOf(c, userId), open.state.amr ?? [], now);
}

/** POST `/verify-email/resend`: a new email, within the resend limits; the page is the same either way. */
export async function resendStep(c: Context<PageEnv>) {
  const now = c.get("now");
  const { open } = await openVerifyStep(c, now);
  const t = textsOf(c);
  const { userId, standIn, email } = open.state;
  const subject = userId ?? standIn;
  const limited =
    subject && email
      ? await sendVerification(c, { id: subject, email }, open.id, now, subject === userId)
      : null;
  return showVerifyEmail(c, open, { notice: limited ?? t.verification.resent });
}

/**
 * The interaction a link names, when this browser is the one that started it (it holds the
 * CSRF secret the interaction was parked with) and it still waits for this user.
 */
async function waitingInteraction(
  c: Context<PageEnv>,
  id: string | null,
  userId: string,
  now: number,
) {
  if (!id) return null;
  const parked = await issuerStore(c.env, c.get("issuer").id).loadLoginRequest(id, now);
  const csrf = csrfCookie(c) ?? "";
  if (!parked || !csrf || !timingSafeEqual(await sha256Hex(csrf), parked.csrfHash)) return null;
  const state = JSON.parse(parked.payload) as Interaction;
  if (state.step !== "verify_email" || state.userId !== userId) return null;
  return { id, csrf, state };
}

/**
 * GET `/verify-email?token=…`: the link verifies in any browser; in the one that signed up it
 * also continues the authorization request (and issues the code once nothing else is due).
 */
export async function verifyLinkStep(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const now = c.get("now");
  const verified = await verifyEmailLink(
    verificationDeps(c, null, now),
    c.req.query("token") ?? "",
  );
  if (!verified)
    throw new PageError(
      400,
      (t) => t.verification.linkInvalidTitle,
      (t) => t.verification.linkInvalid,
    );
  const open = await waitingInteraction(c, verified.interactionId, verified.userId, now);
  if (!open) return c.html(emailVerifiedPage(pageFrame(c)));
  useLocale(c, open.state.request?.uiLocales);
  return continueSignIn(
    c,
    complete,
    open,
    await userOf(c, verified.userId),
    open.state.amr ?? [],
    now,
  );
}
