import { html } from "hono/html";
import { accountStyle } from "./account-style.ts";
import { layout, type PageFrame } from "./layout.ts";

export interface AccountEmailPageProps {
  frame: PageFrame;
  action: string;
  csrfToken: string;
  /** Names the pending change (the hash of its link token, never the token). */
  tokenHash: string;
  email: string;
  error: string | null;
  back: string;
}

/** After asking for a new address: type the code from its email (or open the link). */
export function accountEmailPage(p: AccountEmailPageProps) {
  const t = p.frame.t.account;
  return layout(
    p.frame,
    t.emailConfirmTitle,
    html`<h1>${t.emailConfirmTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <p>${t.emailConfirmIntro({ email: p.email })}</p>
      <form method="post" action="${p.action}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <input type="hidden" name="change" value="${p.tokenHash}">
        <input type="hidden" name="email" value="${p.email}">
        <label for="code">${t.emailCodeLabel}</label>
        <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric"
          pattern="[0-9]{6}" maxlength="6" required>
        <button type="submit">${t.confirmEmailAction}</button>
      </form>
      <p class="links"><a href="${p.back}">${t.backToAccount}</a></p>`,
    accountStyle(p.frame.nonce),
  );
}
