import { createDb } from "@authpi/domain/db";
import { mailAddressOf } from "@authpi/domain/email-tokens";
import {
  confirmEmailChangeByCode,
  confirmEmailChangeByLink,
  NewEmail,
  requestEmailChange,
} from "@authpi/domain/portal";
import type { Context } from "hono";
import { PageError } from "../../errors.ts";
import { mutationContext } from "../../mutation-context.ts";
import { issuerStore } from "../../store.ts";
import type { PageEnv } from "../contract.ts";
import { sendJourneyMail } from "../journey-mail.ts";
import { pageFrame } from "../page-frame.ts";
import { accountEmailPage } from "../pages/account-email-page.ts";
import { accountDeps, asPage } from "./account-deps.ts";
import { doneRedirect, showAccount } from "./account-view.ts";
import type { AccountEnv } from "./portal-guard.ts";

function confirmPage(
  c: Context<AccountEnv>,
  p: { tokenHash: string; email: string; error: string | null },
) {
  const base = `/${c.get("issuer").id}/account`;
  return accountEmailPage({
    frame: pageFrame(c),
    action: `${base}/email/code`,
    csrfToken: c.get("portal").csrf,
    back: base,
    ...p,
  });
}

/** Asks for a new address: the link and the code go to it; nothing changes yet. */
export async function startEmailChange(c: Context<AccountEnv>) {
  const { user } = c.var;
  const email = NewEmail.safeParse(c.get("form").get("email") ?? "");
  if (!email.success || email.data === mailAddressOf(user)) {
    return showAccount(c, { error: c.get("t").account.emailInvalid, status: 422 });
  }
  const asked = await requestEmailChange(accountDeps(c), user, email.data);
  if (asked.status === "throttled") {
    c.header("Retry-After", String(Math.ceil(asked.retryAfterMs / 1000)));
    return showAccount(c, { error: c.get("t").account.emailThrottled, status: 429 });
  }
  if (asked.mail) {
    const link = `${c.get("issuerUrl")}/account/email/confirm?token=${asked.mail.token}`;
    const name = (user.profile.name as string | null | undefined) ?? "";
    sendJourneyMail(asPage(c), {
      template: "email-change",
      to: asked.mail.to,
      values: { link, code: asked.mail.code, ...(name ? { name } : {}) },
      key: `email-change/${asked.tokenHash}`,
    });
  }
  return c.html(confirmPage(c, { tokenHash: asked.tokenHash, email: email.data, error: null }));
}

/** The code from the email, typed in the portal. */
export async function confirmEmailCode(c: Context<AccountEnv>) {
  const { form } = c.var;
  const tokenHash = form.get("change") ?? "";
  const email = form.get("email") ?? "";
  const code = (form.get("code") ?? "").trim();
  const outcome = await confirmEmailChangeByCode(accountDeps(c), c.get("user").id, tokenHash, code);
  if (outcome.status === "changed") return doneRedirect(c, "emailChanged");
  const error =
    outcome.status === "throttled"
      ? c.get("t").account.emailThrottled
      : c.get("t").account.emailCodeWrong;
  return c.html(
    confirmPage(c, { tokenHash, email, error }),
    outcome.status === "throttled" ? 429 : 400,
  );
}

/** The emailed link, in whatever browser opens it: the token itself is the proof. */
export async function confirmEmailLink(c: Context<PageEnv>) {
  const now = c.get("now");
  const deps = {
    db: createDb(c.env.DB),
    store: issuerStore(c.env, c.get("issuer").id),
    issuerId: c.get("issuer").id,
    ctx: mutationContext(c, c.get("issuer").accountId, { type: "system", id: null }, now),
  };
  const outcome = await confirmEmailChangeByLink(deps, c.req.query("token") ?? "");
  if (outcome.status !== "changed") {
    throw new PageError(
      400,
      (t) => t.account.emailLinkInvalidTitle,
      (t) => t.account.emailLinkInvalid,
    );
  }
  return c.redirect(`/${c.get("issuer").id}/account?done=emailChanged`, 302);
}
