import { html } from "hono/html";
import { layout, type PageFrame, passkeyScripts } from "./layout.ts";
import { type PasskeyFormProps, passkeyForm } from "./passkey-form.ts";
import { totpQr } from "./totp-qr.ts";

export interface EnrollPageProps {
  frame: PageFrame;
  action: string;
  requestId: string;
  csrfToken: string;
  /**
   * The app enrollment: the `otpauth://` URI the QR code encodes and the same secret as text
   * (base32), for apps without a camera; null when the issuer's `totp_app` method is off.
   */
  totp: { provisioningUri: string; secret: string } | null;
  error: string | null;
  /** Enrolling a passkey instead, when the issuer has passkeys enabled. */
  passkey: Omit<PasskeyFormProps, "kind" | "t"> | null;
}

function appEnrollment(p: EnrollPageProps, totp: NonNullable<EnrollPageProps["totp"]>) {
  const t = p.frame.t.signIn;
  return html`${totpQr(p.frame.t, totp.provisioningUri, totp.secret)}
    <form method="post" action="${p.action}">
      <input type="hidden" name="request_id" value="${p.requestId}">
      <input type="hidden" name="csrf_token" value="${p.csrfToken}">
      <label for="code">${t.codeLabel}</label>
      <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric"
        pattern="[0-9]{6}" maxlength="6" required>
      <button type="submit">${t.enrollAction}</button>
    </form>`;
}

function passkeyEnrollment(p: EnrollPageProps, passkey: NonNullable<EnrollPageProps["passkey"]>) {
  const t = p.frame.t.signIn;
  const intro = p.totp
    ? html`<h2>${t.passkeyRegisterHeading}</h2>
        <p>${t.passkeyRegisterIntro}</p>`
    : html`<p>${t.enrollPasskeyIntro}</p>
        <p>${t.passkeyRegisterIntro}</p>
        <noscript><p class="error">${t.passkeyNeedsScript}</p></noscript>`;
  return html`${intro}${passkeyForm({ ...passkey, kind: "register", t: p.frame.t })}`;
}

/**
 * Enrollment at sign-in: the QR code (server-side SVG), the secret as text and a code to
 * confirm, and/or a passkey (the only way when the issuer's `totp_app` method is off).
 */
export function enrollPage(p: EnrollPageProps) {
  const t = p.frame.t.signIn;
  return layout(
    p.frame,
    t.enrollTitle,
    html`<h1>${t.enrollTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      ${p.totp ? appEnrollment(p, p.totp) : ""}
      ${p.passkey ? passkeyEnrollment(p, p.passkey) : ""}`,
    p.passkey ? passkeyScripts(p.frame.nonce) : "",
  );
}

export interface BackupCodesPageProps {
  frame: PageFrame;
  action: string;
  requestId: string;
  csrfToken: string;
  codes: string[];
}

/** The backup codes, shown once, and the way on. */
export function backupCodesPage(p: BackupCodesPageProps) {
  const t = p.frame.t.signIn;
  return layout(
    p.frame,
    t.backupCodesTitle,
    html`<h1>${t.backupCodesTitle}</h1>
      <p>${t.backupCodesIntro}</p>
      <ul class="codes" aria-label="${t.backupCodesListLabel}">
        ${p.codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ul>
      <form method="post" action="${p.action}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <button type="submit">${t.continueAction}</button>
      </form>`,
  );
}
