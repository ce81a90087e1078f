import { createDb } from "@authpi/domain/db";
import { isDomainError } from "@authpi/domain/errors";
import { claimTotpStep, totpStep } from "@authpi/domain/login";
import type { UserRow } from "@authpi/domain/users";
import {
  completeEnrollment,
  createUserVerifier,
  getUser,
  getUserVerifier,
} from "@authpi/domain/users";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { PageError } from "../errors.ts";
import { allowFormTargets } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { continueSignIn, type OpenStep } from "./next-step.ts";
import { pageFrame } from "./page-frame.ts";
import { backupCodesPage, enrollPage } from "./pages/enroll-page.ts";
import { passkeyRegistration } from "./passkey-options.ts";
import { advanceInteraction, type Interaction, openInteraction } from "./state.ts";

export async function showEnroll(
  c: Context<PageEnv>,
  p: { id: string; csrf: string; state: Interaction; error: string | null },
  status: ContentfulStatusCode = 200,
) {
  const enrollment = p.state.enrollment;
  if (!p.state.userId) {
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.common.expired,
    );
  }
  const passkey = await passkeyRegistration(c, p, p.state.userId, c.get("now"));
  if (!enrollment && !passkey) {
    throw new PageError(
      403,
      (t) => t.signIn.cannotComplyTitle,
      (t) => t.signIn.cannotComply,
    );
  }
  if (p.state.request) allowFormTargets(c, [p.state.request.redirectUri]);
  const page = enrollPage({
    action: `/${c.get("issuer").id}/login/enroll`,
    requestId: p.id,
    csrfToken: p.csrf,
    totp: enrollment
      ? { provisioningUri: enrollment.provisioningUri, secret: enrollment.secret }
      : null,
    error: p.error,
    frame: pageFrame(c),
    passkey,
  });
  return c.html(page, status);
}

/**
 * Starts the enrollment of a user who must have a second factor and has none: a TOTP app when
 * the issuer's `totp_app` method is enabled (else only a passkey is offered).
 */
export async function startEnrollment(
  c: Context<PageEnv>,
  open: OpenStep,
  user: UserRow,
  now: number,
  totp: boolean,
) {
  if (!totp) {
    const state: Interaction = { ...open.state, step: "enroll" };
    delete state.enrollment;
    const id = await advanceInteraction(c, open.id, state, open.csrf, now);
    return showEnroll(c, { id, csrf: open.csrf, state, error: null });
  }
  const ctx = mutationContext(c, c.get("issuer").accountId, { type: "user", id: user.id }, now);
  const created = await createUserVerifier(
    createDb(c.env.DB),
    ctx,
    c.env.KEY_ENCRYPTION_SECRET,
    {
      issuerId: c.get("issuer").id,
      userId: user.id,
      issuerName: c.get("issuer").name ?? c.get("issuer").id,
    },
    { type: "totp_app" },
  );
  if (created.kind !== "enrollment") throw new Error("a TOTP verifier starts as an enrollment");
  const { enrollment } = created;
  const state: Interaction = {
    ...open.state,
    step: "enroll",
    enrollment: {
      id: enrollment.enrollment_id,
      secret: enrollment.secret,
      provisioningUri: enrollment.provisioning_uri,
    },
  };
  const id = await advanceInteraction(c, open.id, state, open.csrf, now);
  return showEnroll(c, { id, csrf: open.csrf, state, error: null });
}

/**
 * The enrollment's POST: a code from the new app activates the factor (its step is spent, so
 * the same code cannot sign in again) and the 10 backup codes are shown, once.
 */
export async function enrollStep(c: Context<PageEnv>) {
  const now = c.get("now");
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, now);
  const { state } = open;
  if (state.step !== "enroll" || !state.userId || !state.enrollment) {
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.common.expired,
    );
  }
  const db = createDb(c.env.DB);
  const sealKey = c.env.KEY_ENCRYPTION_SECRET;
  const target = { issuerId: c.get("issuer").id, userId: state.userId };
  const ctx = mutationContext(
    c,
    c.get("issuer").accountId,
    { type: "user", id: state.userId },
    now,
  );
  const code = (form.get("code") ?? "").trim();
  const pending = await getUserVerifier(db, target.issuerId, target.userId, state.enrollment.id);
  const step = /^\d{6}$/.test(code) ? await totpStep(sealKey, pending, code, now) : null;
  const result =
    step === null
      ? { success: false }
      : await completeEnrollment(db, ctx, sealKey, target, {
          enrollment_id: state.enrollment.id,
          code,
        }).catch((error: unknown) => {
          if (isDomainError(error))
            throw new PageError(
              400,
              (t) => t.common.expiredTitle,
              (t) => t.common.expired,
            );
          throw error;
        });
  if (!result.success || step === null || !result.backup_codes) {
    return showEnroll(c, { ...open, error: c.get("t").signIn.invalidCode }, 401);
  }
  await claimTotpStep(db, state.enrollment.id, step, now);
  const amr = [...new Set([...(state.amr ?? []), "otp", "mfa"])];
  const next: Interaction = { ...state, step: "enrolled", amr };
  delete next.enrollment;
  const id = await advanceInteraction(c, open.id, next, open.csrf, now);
  if (state.request) allowFormTargets(c, [state.request.redirectUri]);
  const page = backupCodesPage({
    action: `/${c.get("issuer").id}/login/continue`,
    requestId: id,
    csrfToken: open.csrf,
    codes: result.backup_codes,
    frame: pageFrame(c),
  });
  return c.html(page);
}

/** After the backup codes were shown: the sign-in completes with both factors. */
export async function enrolledStep(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const now = c.get("now");
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, now);
  const { state } = open;
  if (state.step !== "enrolled" || !state.userId) {
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.common.expired,
    );
  }
  const user = await getUser(createDb(c.env.DB), c.get("issuer").id, state.userId);
  // The policy decides what is left (email verification may be).
  return continueSignIn(c, complete, open, user, state.amr ?? ["pwd", "otp", "mfa"], now);
}
