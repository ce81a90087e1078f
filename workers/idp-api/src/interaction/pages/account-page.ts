import type { UserRow, UserVerifierRow } from "@authpi/domain/users";
import { html } from "hono/html";
import { type LinkedAccount, linkedAccountsSection } from "./account-identities-section.ts";
import {
  credentialsSections,
  type FormContext,
  profileSection,
} from "./account-profile-sections.ts";
import {
  type ConnectedApp,
  connectedAppsSection,
  passkeysSection,
  type SessionRow,
  sessionsSection,
  twoFactorSection,
} from "./account-security-sections.ts";
import { accountStyle } from "./account-style.ts";
import { actingAppsSection } from "./acting-apps-section.ts";
import { displayName, layout, passkeyScripts } from "./layout.ts";
import type { PasskeyFormProps } from "./passkey-form.ts";

export interface AccountPageProps extends FormContext {
  user: UserRow;
  email: string | null;
  verifiers: UserVerifierRow[];
  sessions: SessionRow[];
  apps: ConnectedApp[];
  /** Agents the user lets act for them (consents keyed by an `agt_` id). */
  agents: ConnectedApp[];
  identities: LinkedAccount[];
  steppedUp: boolean;
  minLength: number;
  /** The passkey ceremony's form, when passkeys are on and the sign-in is fresh. */
  passkey: Omit<PasskeyFormProps, "kind" | "t"> | null;
  notice: string | null;
  error: string | null;
  advice: string[];
}

/** The portal: every section on one page; sensitive forms only after a fresh sign-in. */
export function accountPage(p: AccountPageProps) {
  const t = p.frame.t.account;
  const issuer = displayName(p.frame);
  const passkeys = p.verifiers.filter((v) => v.type === "webauthn" && v.status === "active");
  const stepUp = p.steppedUp
    ? ""
    : html`<div class="notice"><p>${t.stepUpIntro}</p>
        <p><a href="${p.base}/sign-in?step_up=1">${t.stepUpAction}</a></p></div>`;
  return layout(
    p.frame,
    t.title({ issuer }),
    html`<h1>${t.heading({ issuer })}</h1>
      <p class="muted subtitle">${t.signedInAs({ name: p.email ?? p.user.username })}</p>
      ${p.notice ? html`<p class="notice" role="status">${p.notice}</p>` : ""}
      ${
        p.error
          ? html`<div class="error" role="alert"><p>${p.error}</p>${
              p.advice.length > 0 ? html`<ul>${p.advice.map((a) => html`<li>${a}</li>`)}</ul>` : ""
            }</div>`
          : ""
      }
      ${profileSection(p, p.user)}
      ${stepUp}
      ${credentialsSections(p, { email: p.email, steppedUp: p.steppedUp, minLength: p.minLength })}
      ${p.steppedUp ? twoFactorSection(p, p.verifiers) : ""}
      ${p.steppedUp ? passkeysSection(p, passkeys, p.passkey) : ""}
      ${sessionsSection(p, p.sessions, p.steppedUp)}
      ${linkedAccountsSection(p, p.identities)}
      ${connectedAppsSection(p, p.apps)}
      ${actingAppsSection(p, p.agents)}`,
    html`${accountStyle(p.frame.nonce)}${p.passkey ? passkeyScripts(p.frame.nonce) : ""}`,
  );
}
