import { html } from "hono/html";
import { layout, type PageFrame, passkeyScripts } from "./layout.ts";
import { type PasskeyFormProps, passkeyForm } from "./passkey-form.ts";

export interface PasskeyOfferPageProps {
  frame: PageFrame;
  /** The "Not now" form's target: a plain POST, so a browser without JavaScript goes on. */
  skipAction: string;
  requestId: string;
  csrfToken: string;
  error: string | null;
  passkey: Omit<PasskeyFormProps, "kind" | "t">;
}

/** After a password sign-in: add a passkey now (needs JavaScript), or "Not now" (a plain form). */
export function passkeyOfferPage(p: PasskeyOfferPageProps) {
  const t = p.frame.t.signIn;
  return layout(
    p.frame,
    t.offerTitle,
    html`<h1>${t.offerTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <p>${t.passkeyRegisterIntro}</p>
      ${passkeyForm({ ...p.passkey, kind: "register", t: p.frame.t })}
      <form method="post" action="${p.skipAction}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <button type="submit" class="secondary" aria-label="${t.notNowPasskeyLabel}">${t.notNowAction}</button>
      </form>`,
    passkeyScripts(p.frame.nonce),
  );
}
