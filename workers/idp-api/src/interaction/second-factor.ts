import { createDb } from "@authpi/domain/db";
import { activeSecondFactors, verifySecondFactor } from "@authpi/domain/login";
import { getUser } from "@authpi/domain/users";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { PageError } from "../errors.ts";
import { allowFormTargets } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import { issuerStore } from "../store.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { continueSignIn } from "./next-step.ts";
import { pageFrame } from "./page-frame.ts";
import { secondFactorPage } from "./pages/second-factor-page.ts";
import { openInteraction } from "./state.ts";

/** The second-factor form; its POST may answer with a 303 to the client. */
export function showSecondFactor(
  c: Context<PageEnv>,
  p: { id: string; csrf: string; backupCodes: boolean; error: string | null },
  status: ContentfulStatusCode = 200,
  redirectUri?: string,
) {
  if (redirectUri) allowFormTargets(c, [redirectUri]);
  const page = secondFactorPage({
    action: `/${c.get("issuer").id}/login/second-factor`,
    requestId: p.id,
    csrfToken: p.csrf,
    error: p.error,
    frame: pageFrame(c),
    backupCodes: p.backupCodes,
  });
  return c.html(page, status);
}

/**
 * The second-factor step's POST: a TOTP code (`code`) or a backup code (`backup_code`).
 * A wrong code shows the form again; the lock after 5 failures says so (403).
 */
export async function secondFactorStep(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const now = c.get("now");
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, now);
  const { state } = open;
  if (state.step !== "second_factor" || !state.userId) {
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.common.expired,
    );
  }
  const db = createDb(c.env.DB);
  const backup = form.has("backup_code");
  const ctx = mutationContext(
    c,
    c.get("issuer").accountId,
    { type: "user", id: state.userId },
    now,
  );
  const outcome = await verifySecondFactor(
    {
      db,
      store: issuerStore(c.env, c.get("issuer").id),
      issuerId: c.get("issuer").id,
      ctx,
      sealKey: c.env.KEY_ENCRYPTION_SECRET,
      clientId: state.request?.clientId ?? null,
    },
    state.userId,
    backup
      ? { method: "backup_codes", code: form.get("backup_code") ?? "" }
      : { method: "totp_app", code: form.get("code") ?? "" },
  );
  if (outcome.status !== "ok") {
    const factors = await activeSecondFactors(db, c.get("issuer").id, state.userId);
    const error =
      outcome.status === "locked"
        ? c.get("t").signIn.locked
        : backup
          ? c.get("t").signIn.invalidBackupCode
          : c.get("t").signIn.invalidCode;
    const shown = {
      id: open.id,
      csrf: open.csrf,
      backupCodes: factors.some((f) => f.type === "backup_codes"),
      error,
    };
    return showSecondFactor(
      c,
      shown,
      outcome.status === "locked" ? 403 : 401,
      state.request?.redirectUri,
    );
  }
  const user = await getUser(db, c.get("issuer").id, state.userId);
  const amr = [...new Set([...(state.amr ?? []), "otp", "mfa"])];
  // The policy decides what is left (email verification may be).
  return continueSignIn(c, complete, open, user, amr, now);
}
