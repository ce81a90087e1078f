import type { UserVerifierRow } from "@authpi/domain/users";
import { html } from "hono/html";
import type { FormContext } from "./account-profile-sections.ts";
import { type PasskeyFormProps, passkeyForm } from "./passkey-form.ts";

function hidden(name: string, value: string) {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

/** A one-button form (remove, sign out, regenerate). */
function action(f: FormContext, path: string, label: string, fields: [string, string][] = []) {
  return html`<form method="post" action="${f.base}${path}" class="inline">
    ${hidden("csrf_token", f.csrfToken)}${fields.map(([k, v]) => hidden(k, v))}
    <button type="submit" class="secondary">${label}</button>
  </form>`;
}

/** The authenticator app and the backup codes. */
export function twoFactorSection(f: FormContext, verifiers: UserVerifierRow[]) {
  const t = f.frame.t.account;
  const totp = verifiers.find((v) => v.type === "totp_app" && v.status === "active");
  const backup = verifiers.find((v) => v.type === "backup_codes" && v.status === "active");
  const left = ((backup?.credential?.hashes as string[] | undefined) ?? []).length;
  return html`<section aria-labelledby="factors-heading">
    <h2 id="factors-heading">${t.twoFactorHeading}</h2>
    ${
      totp
        ? html`<p>${t.totpOn}</p>${action(f, "/totp/remove", t.removeTotpAction, [["verifier_id", totp.id]])}`
        : html`<p>${t.totpOff}</p>${action(f, "/totp", t.addTotpAction)}`
    }
    ${
      backup
        ? html`<p>${t.backupCodesLeft({ n: String(left) })}</p>
          ${action(f, "/backup-codes", t.regenerateBackupCodesAction, [["verifier_id", backup.id]])}`
        : ""
    }
  </section>`;
}

/** Passkeys: each with a rename form and a remove button; adding runs the WebAuthn ceremony. */
export function passkeysSection(
  f: FormContext,
  passkeys: UserVerifierRow[],
  register: Omit<PasskeyFormProps, "kind" | "t"> | null,
) {
  const t = f.frame.t.account;
  const rows = passkeys.map(
    (key, i) => html`<li>
      <form method="post" action="${f.base}/passkeys/rename">
        ${hidden("csrf_token", f.csrfToken)}${hidden("verifier_id", key.id)}
        <label for="passkey-name-${i}">${t.passkeyNameLabel}</label>
        <input id="passkey-name-${i}" name="name" maxlength="200" required
          value="${key.name ?? t.unnamedPasskey}">
        <button type="submit" class="secondary">${t.renamePasskeyAction}</button>
      </form>
      ${action(f, "/passkeys/remove", t.removePasskeyAction, [["verifier_id", key.id]])}
    </li>`,
  );
  return html`<section aria-labelledby="passkeys-heading">
    <h2 id="passkeys-heading">${t.passkeysHeading}</h2>
    ${passkeys.length ? html`<ul class="rows">${rows}</ul>` : html`<p>${t.noPasskeys}</p>`}
    ${register ? passkeyForm({ ...register, kind: "register", t: f.frame.t }) : ""}
  </section>`;
}

export interface SessionRow {
  id: string;
  device: string | null;
  signedInAt: string;
  current: boolean;
}

/** Where the user is signed in, this device marked; each other one can be signed out. */
export function sessionsSection(f: FormContext, sessions: SessionRow[], steppedUp: boolean) {
  const t = f.frame.t.account;
  const rows = sessions.map(
    (s) => html`<li>
      <strong>${s.device ?? t.unknownDevice}</strong>
      ${s.current ? html` <span class="tag">${t.thisDevice}</span>` : ""}
      <br><span class="muted">${t.signedInAt({ time: s.signedInAt })}</span>
      ${!s.current && steppedUp ? action(f, "/sessions/end", t.signOutSessionAction, [["session_id", s.id]]) : ""}
    </li>`,
  );
  const others = sessions.some((s) => !s.current);
  return html`<section aria-labelledby="sessions-heading">
    <h2 id="sessions-heading">${t.sessionsHeading}</h2>
    <ul class="rows">${rows}</ul>
    ${others && steppedUp ? action(f, "/sessions/end-others", t.signOutOthersAction) : ""}
  </section>`;
}

export interface ConnectedApp {
  clientId: string;
  name: string;
  scopes: string[];
}

/** Third-party apps the user allowed, with what they may read; each can lose its access. */
export function connectedAppsSection(f: FormContext, apps: ConnectedApp[]) {
  const t = f.frame.t.account;
  const rows = apps.map(
    (app) => html`<li>
      <strong>${app.name}</strong>
      <br><span class="muted">${t.appScopes({ scopes: app.scopes.join(", ") })}</span>
      ${action(f, "/apps/remove", t.removeAppAction({ app: app.name }), [["client_id", app.clientId]])}
    </li>`,
  );
  return html`<section aria-labelledby="apps-heading">
    <h2 id="apps-heading">${t.appsHeading}</h2>
    ${apps.length ? html`<ul class="rows">${rows}</ul>` : html`<p>${t.noApps}</p>`}
  </section>`;
}
