import type { Messages } from "@authpi/domain/i18n";
import { html } from "hono/html";
import { layout } from "./layout.ts";

export interface EmailCodePageProps {
  t: Messages;
  nonce: string;
  action: string;
  requestId: string;
  csrfToken: string;
  email: string;
  error: string | null;
}

/** "Check your email": the code from the email, or the link in it. */
export function emailCodePage(p: EmailCodePageProps) {
  const { emailSignIn } = p.t;
  return layout(
    emailSignIn.codeTitle,
    p.nonce,
    html`<h1>${emailSignIn.codeTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <p id="code-help">${emailSignIn.codeIntro({ email: p.email })}</p>
      <form method="post" action="${p.action}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="code">${emailSignIn.codeLabel}</label>
        <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric"
          pattern="[0-9]{6}" maxlength="6" aria-describedby="code-help" required autofocus>
        <button type="submit">${emailSignIn.verifyAction}</button>
      </form>`,
  );
}

/** A live link opened in a browser that did not ask for it: its code, to type there. */
export function elsewherePage(p: { t: Messages; nonce: string; code: string }) {
  const { emailSignIn } = p.t;
  return layout(
    emailSignIn.elsewhereTitle,
    p.nonce,
    html`<h1>${emailSignIn.elsewhereTitle}</h1>
      <p>${emailSignIn.elsewhere}</p>
      <p class="shown-code" aria-label="${emailSignIn.codeShownLabel}"><code>${p.code}</code></p>`,
  );
}
