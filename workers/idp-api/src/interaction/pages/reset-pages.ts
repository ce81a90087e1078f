import type { Messages } from "@authpi/domain/i18n";
import { html } from "hono/html";
import { layout } from "./layout.ts";

interface Frame {
  t: Messages;
  nonce: string;
  csrfToken: string;
}

export interface ForgotPageProps extends Frame {
  action: string;
  /** The sign-in this reset came from, resumed after it. */
  requestId: string | null;
  email: string;
  error: string | null;
  /** The login page of the sign-in, when there is one. */
  backUrl: string | null;
}

function back(t: Messages, url: string | null) {
  return url ? html`<p class="links"><a href="${url}">${t.reset.backToSignIn}</a></p>` : "";
}

/** Asks for the account's address; the same page answers for every address. */
export function forgotPage(p: ForgotPageProps) {
  const { reset } = p.t;
  return layout(
    reset.forgotTitle,
    p.nonce,
    html`<h1>${reset.forgotTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <p>${reset.forgotIntro}</p>
      <form method="post" action="${p.action}">
        ${p.requestId ? html`<input type="hidden" name="request_id" value="${p.requestId}">` : ""}
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="email">${reset.emailLabel}</label>
        <input id="email" name="email" type="email" autocomplete="username email" required
          value="${p.email}">
        <button type="submit">${reset.sendLinkAction}</button>
      </form>
      ${back(p.t, p.backUrl)}`,
  );
}

/** "Check your email": shown whether or not an account uses the address. */
export function resetSentPage(p: { t: Messages; nonce: string; email: string }) {
  return layout(
    p.t.reset.sentTitle,
    p.nonce,
    html`<h1>${p.t.reset.sentTitle}</h1><p role="status">${p.t.reset.sent({ email: p.email })}</p>`,
  );
}

export interface NewPasswordPageProps extends Frame {
  action: string;
  token: string;
  error: string | null;
}

/** The link's page: the new password, typed once (browsers offer to generate one). */
export function newPasswordPage(p: NewPasswordPageProps) {
  const { reset } = p.t;
  return layout(
    reset.newPasswordTitle,
    p.nonce,
    html`<h1>${reset.newPasswordTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <form method="post" action="${p.action}">
        <input type="hidden" name="token" value="${p.token}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="password">${reset.newPasswordLabel}</label>
        <input id="password" name="password" type="password" autocomplete="new-password"
          minlength="8" maxlength="256" required>
        <button type="submit">${reset.setPasswordAction}</button>
      </form>`,
  );
}

/** After a reset with no sign-in to resume. */
export function resetDonePage(p: { t: Messages; nonce: string }) {
  return layout(
    p.t.reset.doneTitle,
    p.nonce,
    html`<h1>${p.t.reset.doneTitle}</h1><p role="status">${p.t.reset.done}</p>
      <p class="muted">${p.t.common.closeWindow}</p>`,
  );
}
