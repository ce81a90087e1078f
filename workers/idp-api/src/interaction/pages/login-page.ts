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
  /** "Email me a sign-in code", when the issuer has email sign-in (`email-link`) enabled. */
  emailCode: { action: string; label: string } | null;
  /** The "Forgot password?" link (carrying the interaction), or null when reset is off. */
  forgotUrl: string | null;
  /** A confirmation shown above the form (e.g. after a password reset). */
  notice?: string | null;
}

/** The hosted sign-in form, offering the issuer's enabled first factors; every value is escaped. */
export function loginPage(p: LoginPageProps) {
  const email = p.emailCode
    ? html`<button type="submit" class="secondary" formaction="${p.emailCode.action}"
        formnovalidate>${p.emailCode.label}</button>`
    : "";
  const form =
    p.password || p.emailCode
      ? html`<form method="post" action="${p.password ? p.action : (p.emailCode?.action ?? p.action)}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="username">${STRINGS.usernameLabel}</label>
        <input id="username" name="username" autocomplete="${p.passkey ? "username webauthn" : "username"}" required value="${p.username}">
        ${
          p.password
            ? html`<label for="password">${STRINGS.passwordLabel}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">${STRINGS.signInAction}</button>`
            : ""
        }
        ${email}
      </form>
      <div class="links">
        ${p.password && p.forgotUrl ? html`<a href="${p.forgotUrl}">${STRINGS.forgotPassword}</a>` : ""}
        <span class="muted" title="${STRINGS.comingSoon}">${STRINGS.createAccount}</span>
      </div>`
      : p.passkey
        ? ""
        : html`<p class="error">${STRINGS.noMethods}</p>`;
  return layout(
    STRINGS.signInTitle(p.issuerName),
    p.nonce,
    html`<h1>${STRINGS.signInHeading(p.issuerName)}</h1>
      ${p.notice ? html`<p class="notice" role="status">${p.notice}</p>` : ""}
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      ${form}
      ${p.passkey ? passkeyForm({ ...p.passkey, kind: "sign-in" }) : ""}`,
    p.passkey ? passkeyScripts(p.nonce) : "",
  );
}
