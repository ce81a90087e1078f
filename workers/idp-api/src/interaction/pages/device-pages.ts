import { html } from "hono/html";
import { scopeText } from "./consent-page.ts";
import { layout, type PageFrame } from "./layout.ts";

export interface DeviceCodePageProps {
  frame: PageFrame;
  action: string;
  csrfToken: string;
  userCode: string;
  error: string | null;
}

/** Asks for the code the device shows (RFC 8628 §3.3); `verification_uri_complete` prefills it. */
export function deviceCodePage(p: DeviceCodePageProps) {
  const t = p.frame.t.device;
  return layout(
    p.frame,
    t.enterTitle,
    html`<h1>${t.enterTitle}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <p>${t.enterIntro}</p>
      <form method="post" action="${p.action}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="user_code">${t.codeLabel}</label>
        <input id="user_code" name="user_code" type="text" autocomplete="one-time-code"
          autocapitalize="characters" spellcheck="false" maxlength="20" required
          aria-describedby="user_code_hint" value="${p.userCode}">
        <p id="user_code_hint" class="muted">${t.codeHint}</p>
        <button type="submit">${t.continueAction}</button>
      </form>`,
  );
}

export interface DeviceConfirmPageProps {
  frame: PageFrame;
  action: string;
  requestId: string;
  csrfToken: string;
  clientName: string;
  scopes: readonly string[];
}

/** "Allow <app> on your device?": names the client and what it gets; Allow or Deny. */
export function deviceConfirmPage(p: DeviceConfirmPageProps) {
  const t = p.frame.t.device;
  const title = t.confirmTitle({ client: p.clientName });
  return layout(
    p.frame,
    title,
    html`<h1>${title}</h1>
      <p>${t.confirmIntro({ client: p.clientName })}</p>
      ${
        p.scopes.length > 0
          ? html`<p id="device_scopes">${t.scopesLabel}:</p>
            <ul aria-labelledby="device_scopes">
              ${p.scopes.map((scope) => html`<li>${scopeText(p.frame.t.consent, scope)}</li>`)}
            </ul>`
          : ""
      }
      <form method="post" action="${p.action}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <button type="submit" name="decision" value="allow">${t.allowAction}</button>
        <button type="submit" name="decision" value="deny" class="secondary">${t.denyAction}</button>
      </form>`,
  );
}

/** The end of the verification: approved (back to the device) or denied. */
export function deviceDonePage(frame: PageFrame, approved: boolean, clientName: string) {
  const t = frame.t.device;
  const title = approved ? t.approvedTitle : t.deniedTitle;
  return layout(
    frame,
    title,
    html`<h1>${title}</h1>
      <p role="status">${approved ? t.approved({ client: clientName }) : t.denied}</p>
      <p class="muted">${frame.t.common.closeWindow}</p>`,
  );
}
