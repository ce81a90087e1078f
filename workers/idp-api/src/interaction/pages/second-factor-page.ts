import { html } from "hono/html";
import { layout, type PageFrame } from "./layout.ts";

export interface SecondFactorPageProps {
  frame: PageFrame;
  action: string;
  requestId: string;
  csrfToken: string;
  error: string | null;
  /** Whether the user has backup codes left to offer the backup-code path. */
  backupCodes: boolean;
}

/** The second step: a TOTP code, or a backup code instead; each form works without JavaScript. */
export function secondFactorPage(p: SecondFactorPageProps) {
  const t = p.frame.t.signIn;
  const hidden = html`<input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">`;
  const backup = p.backupCodes
    ? html`<h2>${t.backupCodeLabel}</h2>
      <p class="muted">${t.backupCodeIntro}</p>
      <form method="post" action="${p.action}">
        ${hidden}
        <label for="backup_code">${t.backupCodeLabel}</label>
        <input id="backup_code" name="backup_code" autocomplete="off" autocapitalize="none"
          spellcheck="false" required>
        <button type="submit">${t.backupCodeAction}</button>
      </form>`
    : "";
  return layout(
    p.frame,
    t.secondFactorTitle,
    html`<h1>${t.secondFactorTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <form method="post" action="${p.action}">
        ${hidden}
        <label for="code">${t.codeLabel}</label>
        <p class="muted" id="code-help">${t.secondFactorIntro}</p>
        <input id="code" name="code" autocomplete="one-time-code" inputmode="numeric"
          pattern="[0-9]{6}" maxlength="6" aria-describedby="code-help" required autofocus>
        <button type="submit">${t.verifyAction}</button>
      </form>
      ${backup}`,
  );
}
