import { html } from "hono/html";
import { layout, passkeyScripts } from "./layout.ts";
import { type PasskeyFormProps, passkeyForm } from "./passkey-form.ts";
import { STRINGS } from "./strings.ts";

export interface LoginPageProps {
  issuerName: string;
  action: string;
  requestId: string;
  csrfToken: string;
  username: string;
  error: string | null;
  nonce: string;
  /** Whether the issuer has password sign-in enabled. */
  password: boolean;
  /** Passkey sign-in, when the issuer has passkeys enabled. */
  passkey: Omit<PasskeyFormProps, "kind"> | null;
}

/** The hosted sign-in form, offering the issuer's enabled first factors; every value is escaped. */
export function loginPage(p: LoginPageProps) {
  const form = p.password
    ? html`<form method="post" action="${p.action}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="username">${STRINGS.usernameLabel}</label>
        <input id="username" name="username" autocomplete="${p.passkey ? "username webauthn" : "username"}" required value="${p.username}">
        <label for="password">${STRINGS.passwordLabel}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">${STRINGS.signInAction}</button>
      </form>
      <div class="links">
        <span class="muted" title="${STRINGS.comingSoon}">${STRINGS.forgotPassword}</span>
        <span class="muted" title="${STRINGS.comingSoon}">${STRINGS.createAccount}</span>
      </div>`
    : p.passkey
      ? ""
      : html`<p class="error">${STRINGS.noMethods}</p>`;
  return layout(
    STRINGS.signInTitle(p.issuerName),
    p.nonce,
    html`<h1>${STRINGS.signInHeading(p.issuerName)}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      ${form}
      ${p.passkey ? passkeyForm({ ...p.passkey, kind: "sign-in" }) : ""}`,
    p.passkey ? passkeyScripts(p.nonce) : "",
  );
}
