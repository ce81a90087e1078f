import { html } from "hono/html";
import { layout, type PageFrame } from "./layout.ts";

export interface EmailCodePageProps {
  frame: PageFrame;
  action: string;
  requestId: string;
  csrfToken: string;
  email: string;
  error: string | null;
}

/** "Check your email": the code from the email, or the link in it. */
export function emailCodePage(p: EmailCodePageProps) {
  const t = p.frame.t.emailSignIn;
  return layout(
    p.frame,
    t.codeTitle,
    html`<h1>${t.codeTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <p id="code-help">${t.codeIntro({ email: p.email })}</p>
      <form method="post" action="${p.action}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="code">${t.codeLabel}</label>
        <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric"
          pattern="[0-9]{6}" maxlength="6" aria-describedby="code-help" required autofocus>
        <button type="submit">${t.verifyAction}</button>
      </form>`,
  );
}

/** A live link opened in a browser that did not ask for it: its code, to type there. */
export function elsewherePage(frame: PageFrame, code: string) {
  const t = frame.t.emailSignIn;
  return layout(
    frame,
    t.elsewhereTitle,
    html`<h1>${t.elsewhereTitle}</h1>
      <p>${t.elsewhere}</p>
      <p class="shown-code" aria-label="${t.codeShownLabel}"><code>${code}</code></p>`,
  );
}
