import type { Messages } from "@authpi/domain/i18n";
import { html } from "hono/html";

export interface PasskeyFormProps {
  action: string;
  requestId: string;
  csrfToken: string;
  /** The ceremony options (WebAuthn JSON) the script hands to the browser. */
  options: unknown;
  kind: "sign-in" | "register";
  t: Messages;
}

/**
 * A passkey ceremony as a form: the button (hidden until the script finds WebAuthn) runs it,
 * the script posts the result in `passkey_response`. Its accessible name says "passkey".
 */
export function passkeyForm(p: PasskeyFormProps) {
  const id = p.kind === "sign-in" ? "passkey-sign-in" : "passkey-register";
  const t = p.t.signIn;
  const label = p.kind === "sign-in" ? t.passkeySignInAction : t.passkeyRegisterAction;
  return html`<form method="post" action="${p.action}" id="${id}-form">
      <input type="hidden" name="request_id" value="${p.requestId}">
      <input type="hidden" name="csrf_token" value="${p.csrfToken}">
      <input type="hidden" name="passkey_response" value="">
      <button type="button" class="passkey" id="${id}" hidden
        data-options="${JSON.stringify(p.options)}" data-error="${id}-error">${label}</button>
      <p class="error" id="${id}-error" hidden>${t.passkeyFailed}</p>
    </form>`;
}
