import { html } from "hono/html";
import { renderSVG } from "uqr";
import { layout, passkeyScripts } from "./layout.ts";
import { type PasskeyFormProps, passkeyForm } from "./passkey-form.ts";
import { STRINGS } from "./strings.ts";

export interface EnrollPageProps {
  action: string;
  requestId: string;
  csrfToken: string;
  /** The `otpauth://` URI the QR code encodes. */
  provisioningUri: string;
  /** The same secret as text (base32), for apps without a camera. */
  secret: string;
  error: string | null;
  nonce: string;
  /** Enrolling a passkey instead, when the issuer has passkeys enabled. */
  passkey: Omit<PasskeyFormProps, "kind"> | null;
}

/** Groups of four, as authenticator apps show them. */
function grouped(secret: string): string {
  return secret.replace(/(.{4})/g, "$1 ").trim();
}

/** Enrollment at sign-in: the QR code (server-side SVG), the secret as text, and a code to confirm. */
export function enrollPage(p: EnrollPageProps) {
  const svg = renderSVG(p.provisioningUri, { border: 2 });
  const src = `data:image/svg+xml;base64,${btoa(svg)}`;
  return layout(
    STRINGS.enrollTitle,
    p.nonce,
    html`<h1>${STRINGS.enrollTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <p>${STRINGS.enrollIntro}</p>
      <img class="qr" src="${src}" alt="${STRINGS.qrAlt}" width="200" height="200">
      <p class="muted">${STRINGS.secretLabel}</p>
      <p><code id="secret">${grouped(p.secret)}</code></p>
      <form method="post" action="${p.action}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="code">${STRINGS.codeLabel}</label>
        <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric"
          pattern="[0-9]{6}" maxlength="6" required>
        <button type="submit">${STRINGS.enrollAction}</button>
      </form>
      ${
        p.passkey
          ? html`<h2>${STRINGS.passkeyRegisterHeading}</h2>
            <p>${STRINGS.passkeyRegisterIntro}</p>
            ${passkeyForm({ ...p.passkey, kind: "register" })}`
          : ""
      }`,
    p.passkey ? passkeyScripts(p.nonce) : "",
  );
}

export interface BackupCodesPageProps {
  action: string;
  requestId: string;
  csrfToken: string;
  codes: string[];
  nonce: string;
}

/** The backup codes, shown once, and the way on. */
export function backupCodesPage(p: BackupCodesPageProps) {
  return layout(
    STRINGS.backupCodesTitle,
    p.nonce,
    html`<h1>${STRINGS.backupCodesTitle}</h1>
      <p>${STRINGS.backupCodesIntro}</p>
      <ul class="codes" aria-label="${STRINGS.backupCodesListLabel}">
        ${p.codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ul>
      <form method="post" action="${p.action}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <button type="submit">${STRINGS.continueAction}</button>
      </form>`,
  );
}
