import { html } from "hono/html";
import { layout } from "./layout.ts";
import { STRINGS } from "./strings.ts";

export interface InvitationPageProps {
  orgName: string;
  inviter: string | null;
  title: string | null;
  email: string;
  /** An account exists for the address: sign in to accept; otherwise create one. */
  hasAccount: boolean;
  action: string;
  token: string;
  csrfToken: string;
  error: string | null;
  nonce: string;
}

/** The invitation page: sign in, or set a password, to join the organization. */
export function invitationPage(p: InvitationPageProps) {
  const who = p.inviter ? STRINGS.invitedBy(p.inviter) : STRINGS.invited;
  return layout(
    STRINGS.joinTitle(p.orgName),
    p.nonce,
    html`<h1>${STRINGS.joinTitle(p.orgName)}</h1>
      <p>${STRINGS.joinIntro(who, p.orgName)}${p.title ? STRINGS.asTitle(p.title) : ""}.</p>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <form method="post" action="${p.action}">
        <input type="hidden" name="token" value="${p.token}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="email">${STRINGS.emailLabel}</label>
        <input id="email" name="email" value="${p.email}" readonly>
        <label for="password">${p.hasAccount ? STRINGS.passwordLabel : STRINGS.choosePassword}</label>
        <input id="password" name="password" type="password" minlength="8" required
          autocomplete="${p.hasAccount ? "current-password" : "new-password"}">
        <button type="submit">${p.hasAccount ? STRINGS.signInAndJoin : STRINGS.createAndJoin}</button>
      </form>`,
  );
}

export function joinedPage(orgName: string, nonce: string) {
  return layout(
    STRINGS.joinedTitle(orgName),
    nonce,
    html`<h1>${STRINGS.joinedHeading(orgName)}</h1><p class="muted">${STRINGS.joinedNext}</p>`,
  );
}
