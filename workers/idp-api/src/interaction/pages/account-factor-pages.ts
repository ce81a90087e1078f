import { html } from "hono/html";
import { accountStyle } from "./account-style.ts";
import { layout, type PageFrame } from "./layout.ts";
import { totpQr } from "./totp-qr.ts";

export interface AccountTotpPageProps {
  frame: PageFrame;
  action: string;
  csrfToken: string;
  enrollmentId: string;
  provisioningUri: string;
  secret: string;
  error: string | null;
  /** The portal, to give up. */
  back: string;
}

/** Adding an authenticator app: the same QR code as at sign-in, and a code to confirm. */
export function accountTotpPage(p: AccountTotpPageProps) {
  const t = p.frame.t;
  return layout(
    p.frame,
    t.account.addTotpTitle,
    html`<h1>${t.account.addTotpTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      ${totpQr(t, p.provisioningUri, p.secret)}
      <form method="post" action="${p.action}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <input type="hidden" name="enrollment_id" value="${p.enrollmentId}">
        <label for="code">${t.signIn.codeLabel}</label>
        <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric"
          pattern="[0-9]{6}" maxlength="6" required>
        <button type="submit">${t.signIn.enrollAction}</button>
      </form>
      <p class="links"><a href="${p.back}">${t.account.backToAccount}</a></p>`,
    accountStyle(p.frame.nonce),
  );
}

/** New backup codes, shown once. */
export function accountBackupCodesPage(p: { frame: PageFrame; codes: string[]; back: string }) {
  const t = p.frame.t;
  return layout(
    p.frame,
    t.signIn.backupCodesTitle,
    html`<h1>${t.signIn.backupCodesTitle}</h1>
      <p>${t.signIn.backupCodesIntro}</p>
      <ul class="codes" aria-label="${t.signIn.backupCodesListLabel}">
        ${p.codes.map((code) => html`<li><code>${code}</code></li>`)}
      </ul>
      <p class="links"><a href="${p.back}">${t.account.backToAccount}</a></p>`,
    accountStyle(p.frame.nonce),
  );
}
