import { createDb } from "@authpi/domain/db";
import { startEmailVerification, type VerificationDeps } from "@authpi/domain/signup";
import type { UserRow } from "@authpi/domain/users";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { textsOf } from "../middleware/page-locale.ts";
import { allowFormTargets } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { issuerStore } from "../store.ts";
import type { PageEnv } from "./contract.ts";
import { pageFrame } from "./page-frame.ts";
import { verifyEmailPage } from "./pages/verify-email-page.ts";
import { advanceInteraction, type Interaction } from "./state.ts";
import { mailVerification } from "./verification-mail.ts";

/** What the verification steps need from the request. */
export function verificationDeps(
  c: Context<PageEnv>,
  userId: string | null,
  now: number,
): VerificationDeps {
  return {
    db: createDb(c.env.DB),
    store: issuerStore(c.env, c.get("issuer").id),
    issuerId: c.get("issuer").id,
    ctx: mutationContext(
      c,
      c.get("issuer").accountId,
      userId ? { type: "user", id: userId } : { type: "system", id: null },
      now,
    ),
    secret: c.env.KEY_ENCRYPTION_SECRET,
  };
}

export interface VerifyStep {
  id: string;
  csrf: string;
  state: Interaction;
}

/** The "check your email" page of an interaction at `verify_email`. */
export async function showVerifyEmail(
  c: Context<PageEnv>,
  step: VerifyStep,
  messages: { error?: string | null; notice?: string | null } = {},
  status: ContentfulStatusCode = 200,
) {
  if (step.state.request) allowFormTargets(c, [step.state.request.redirectUri]);
  const client = step.state.request ? await c.get("clients")(step.state.request.clientId) : null;
  const base = `/${c.get("issuer").id}/verify-email`;
  return c.html(
    verifyEmailPage({
      frame: pageFrame(c, { clientName: client?.name ?? null }),
      action: base,
      resendAction: `${base}/resend`,
      requestId: step.id,
      csrfToken: step.csrf,
      email: step.state.email ?? "",
      error: messages.error ?? null,
      notice: messages.notice ?? null,
    }),
    status,
  );
}

/**
 * Issues a verification for the user and mails it (not for a signup's stand-in: `deliver`
 * false); the notice says when a resend is refused.
 */
export async function sendVerification(
  c: Context<PageEnv>,
  user: { id: string; email: string },
  interactionId: string,
  now: number,
  deliver = true,
): Promise<string | null> {
  const issued = await startEmailVerification(
    verificationDeps(c, user.id, now),
    user,
    interactionId,
  );
  if (issued.status === "ok") {
    if (deliver) await mailVerification(c, user.email, issued, now);
    return null;
  }
  const t = textsOf(c);
  const minutes = Math.ceil((issued.retryAt - now) / 60_000);
  const wait = minutes <= 1 ? t.common.aMinute : t.common.minutes({ n: minutes });
  return t.verification.resendLater({ wait });
}

/**
 * The `verify_email` step (docs/decisions/signup.md): the factors passed, the email is not
 * verified and the issuer requires it; one email with a link and a code, then the page.
 */
export async function askEmailVerification(
  c: Context<PageEnv>,
  open: VerifyStep,
  user: UserRow,
  amr: string[],
  now: number,
) {
  const email = user.profile.email ?? user.username;
  const state: Interaction = { ...open.state, step: "verify_email", userId: user.id, amr, email };
  const id = await advanceInteraction(c, open.id, state, open.csrf, now);
  const notice = await sendVerification(c, { id: user.id, email }, id, now);
  return showVerifyEmail(c, { id, csrf: open.csrf, state }, { notice });
}
