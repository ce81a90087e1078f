import { isDomainError } from "@authpi/domain/errors";
import { claimTotpStep, totpStep } from "@authpi/domain/login";
import {
  completeEnrollment,
  createUserVerifier,
  deleteUserVerifier,
  getUserVerifier,
  regenerateBackupCodes,
  type UserVerifierRow,
} from "@authpi/domain/users";
import type { Context } from "hono";
import { PageError } from "../../errors.ts";
import { pageFrame } from "../page-frame.ts";
import { accountBackupCodesPage, accountTotpPage } from "../pages/account-factor-pages.ts";
import { accountDeps } from "./account-deps.ts";
import { doneRedirect } from "./account-view.ts";
import type { AccountEnv } from "./portal-guard.ts";

const expired = () =>
  new PageError(
    400,
    (t) => t.common.expiredTitle,
    (t) => t.common.expired,
  );

/**
 * One of the signed-in user's own verifiers of `type`: the lookup is scoped to the user, so the
 * id of someone else's verifier is not found (404 page), whatever it is.
 */
export async function ownVerifier(c: Context<AccountEnv>, type: string): Promise<UserVerifierRow> {
  const id = c.get("form").get("verifier_id") ?? "";
  const { db, issuerId } = accountDeps(c);
  const row = await getUserVerifier(db, issuerId, c.get("user").id, id).catch(() => null);
  if (row?.type !== type) {
    throw new PageError(
      404,
      (t) => t.account.notFoundTitle,
      (t) => t.account.notFound,
    );
  }
  return row;
}

function totpPage(
  c: Context<AccountEnv>,
  p: { enrollmentId: string; provisioningUri: string; secret: string; error: string | null },
) {
  const base = `/${c.get("issuer").id}/account`;
  return accountTotpPage({
    frame: pageFrame(c),
    action: `${base}/totp/confirm`,
    csrfToken: c.get("portal").csrf,
    back: base,
    ...p,
  });
}

/** Starts adding an authenticator app (the Core API's enrollment: pending until confirmed). */
export async function startTotp(c: Context<AccountEnv>) {
  const { db, ctx, issuerId } = accountDeps(c);
  const created = await createUserVerifier(
    db,
    ctx,
    c.env.KEY_ENCRYPTION_SECRET,
    { issuerId, userId: c.get("user").id, issuerName: c.get("issuer").name ?? issuerId },
    { type: "totp_app" },
  );
  if (created.kind !== "enrollment") throw new Error("a TOTP verifier starts as an enrollment");
  const { enrollment } = created;
  return c.html(
    totpPage(c, {
      enrollmentId: enrollment.enrollment_id,
      provisioningUri: enrollment.provisioning_uri,
      secret: enrollment.secret,
      error: null,
    }),
  );
}

/** A code from the new app activates it; fresh backup codes are shown once. */
export async function confirmTotp(c: Context<AccountEnv>) {
  const { db, ctx, issuerId } = accountDeps(c);
  const sealKey = c.env.KEY_ENCRYPTION_SECRET;
  const target = { issuerId, userId: c.get("user").id };
  const enrollmentId = c.get("form").get("enrollment_id") ?? "";
  const code = (c.get("form").get("code") ?? "").trim();
  const pending = await getUserVerifier(db, issuerId, target.userId, enrollmentId).catch(() => {
    throw expired();
  });
  const step = /^\d{6}$/.test(code) ? await totpStep(sealKey, pending, code, ctx.now) : null;
  const result =
    step === null
      ? { success: false }
      : await completeEnrollment(db, ctx, sealKey, target, {
          enrollment_id: enrollmentId,
          code,
        }).catch((error: unknown) => {
          throw isDomainError(error) ? expired() : error;
        });
  if (!result.success || step === null || !result.backup_codes) {
    // The secret is not kept in the clear: the app was already set up from the first page.
    throw new PageError(
      400,
      (t) => t.account.totpCodeWrongTitle,
      (t) => t.account.totpCodeWrong,
      { url: `/${issuerId}/account` },
    );
  }
  await claimTotpStep(db, enrollmentId, step, ctx.now);
  const back = `/${issuerId}/account`;
  return c.html(accountBackupCodesPage({ frame: pageFrame(c), codes: result.backup_codes, back }));
}

/** Removes the authenticator app (the Core API's verifier delete). */
export async function removeTotp(c: Context<AccountEnv>) {
  const row = await ownVerifier(c, "totp_app");
  const { db, ctx } = accountDeps(c);
  await deleteUserVerifier(db, ctx, row);
  return doneRedirect(c, "totpRemoved");
}

/** New backup codes (the old ones stop), shown once. */
export async function newBackupCodes(c: Context<AccountEnv>) {
  const row = await ownVerifier(c, "backup_codes");
  const { db, ctx } = accountDeps(c);
  const { codes } = await regenerateBackupCodes(db, ctx, row);
  const back = `/${c.get("issuer").id}/account`;
  return c.html(accountBackupCodesPage({ frame: pageFrame(c), codes, back }));
}
