import { html } from "hono/html";
import { layout, type PageFrame } from "./layout.ts";

export interface ForgotPageProps {
  frame: PageFrame;
  action: string;
  csrfToken: string;
  /** The sign-in this reset came from, resumed after it. */
  requestId: string | null;
  email: string;
  error: string | null;
}

/** Asks for the account's address; the same page answers for every address. */
export function forgotPage(p: ForgotPageProps) {
  const t = p.frame.t.reset;
  return layout(
    p.frame,
    t.forgotTitle,
    html`<h1>${t.forgotTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <p>${t.forgotIntro}</p>
      <form method="post" action="${p.action}">
        ${p.requestId ? html`<input type="hidden" name="request_id" value="${p.requestId}">` : ""}
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="email">${t.emailLabel}</label>
        <input id="email" name="email" type="email" autocomplete="email" required
          value="${p.email}">
        <button type="submit">${t.sendLinkAction}</button>
      </form>`,
  );
}

/** "Check your email": shown whether or not an account uses the address. */
export function resetSentPage(frame: PageFrame, email: string) {
  const t = frame.t.reset;
  return layout(
    frame,
    t.sentTitle,
    html`<h1>${t.sentTitle}</h1><p role="status">${t.sent({ email })}</p>`,
  );
}

export interface NewPasswordPageProps {
  frame: PageFrame;
  action: string;
  csrfToken: string;
  token: string;
  error: string | null;
}

/** The link's page: the new password, typed once (browsers offer to generate one). */
export function newPasswordPage(p: NewPasswordPageProps) {
  const t = p.frame.t.reset;
  return layout(
    p.frame,
    t.newPasswordTitle,
    html`<h1>${t.newPasswordTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <form method="post" action="${p.action}">
        <input type="hidden" name="token" value="${p.token}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="password">${t.newPasswordLabel}</label>
        <input id="password" name="password" type="password" autocomplete="new-password"
          minlength="8" maxlength="128" required>
        <button type="submit">${t.setPasswordAction}</button>
      </form>`,
  );
}

/** After a reset with no sign-in to resume. */
export function resetDonePage(frame: PageFrame) {
  const t = frame.t;
  return layout(
    frame,
    t.reset.doneTitle,
    html`<h1>${t.reset.doneTitle}</h1><p role="status">${t.reset.done}</p>
      <p class="muted">${t.common.closeWindow}</p>`,
  );
}
