import type { AuthorizationAnswer } from "@authpi/domain/oauth";
import { html } from "hono/html";
import { hiddenFields, layout, type PageFrame } from "./layout.ts";

/**
 * The Form Post Response Mode page (§2): a form posting the answer to the redirect URI,
 * submitted by a nonce-carrying script on load; without scripts the person presses Continue.
 */
export function formPostPage(frame: PageFrame, answer: AuthorizationAnswer) {
  const t = frame.t.responseMode;
  return layout(
    frame,
    t.title,
    html`<h1>${t.heading}</h1>
    <form method="post" action="${answer.redirectUri}" id="response">
      ${hiddenFields(answer.params)}
      <p class="muted">${t.explanation}</p>
      <button type="submit">${t.continueAction}</button>
    </form>
    <script nonce="${frame.nonce}">document.getElementById("response").submit();</script>`,
  );
}
