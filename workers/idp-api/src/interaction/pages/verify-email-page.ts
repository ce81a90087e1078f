import { html } from "hono/html";
import { layout, type PageFrame } from "./layout.ts";

export interface VerifyEmailPageProps {
  frame: PageFrame;
  action: string;
  resendAction: string;
  requestId: string;
  csrfToken: string;
  email: string;
  error: string | null;
  /** A notice that is not an error (a new email went out). */
  notice: string | null;
}

/** "Check your email": the 6-digit code from the email, or a new email; works without JavaScript. */
export function verifyEmailPage(p: VerifyEmailPageProps) {
  const t = p.frame.t.verification;
  const hidden = html`<input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">`;
  return layout(
    p.frame,
    t.title,
    html`<h1>${t.heading}</h1>
      <p>${t.sent({ email: p.email })}</p>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      ${p.notice ? html`<p class="notice" role="status">${p.notice}</p>` : ""}
      <form method="post" action="${p.action}">
        ${hidden}
        <label for="code">${t.codeLabel}</label>
        <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric"
          pattern="[0-9 ]{6,7}" maxlength="7" aria-describedby="code-help" required autofocus>
        <p class="muted hint" id="code-help">${t.codeHelp}</p>
        <button type="submit">${t.verifyAction}</button>
      </form>
      <form method="post" action="${p.resendAction}">
        ${hidden}
        <button type="submit" class="secondary">${t.resendAction}</button>
      </form>`,
  );
}

/** The end of a verification link opened in another browser (or after the sign-in lapsed). */
export function emailVerifiedPage(frame: PageFrame) {
  const t = frame.t.verification;
  return layout(
    frame,
    t.verifiedTitle,
    html`<h1>${t.verifiedTitle}</h1><p role="status">${t.verified}</p>`,
  );
}
