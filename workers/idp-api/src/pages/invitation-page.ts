import { html } from "hono/html";
import { layout } from "./layout.ts";

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
  const who = p.inviter ? `${p.inviter} invited you` : "You are invited";
  return layout(
    `Join ${p.orgName}`,
    p.nonce,
    html`<h1>Join ${p.orgName}</h1>
      <p>${who} to join ${p.orgName}${p.title ? html` as ${p.title}` : ""}.</p>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <form method="post" action="${p.action}">
        <input type="hidden" name="token" value="${p.token}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="email">Email</label>
        <input id="email" name="email" value="${p.email}" readonly>
        <label for="password">${p.hasAccount ? "Password" : "Choose a password (8 characters or more)"}</label>
        <input id="password" name="password" type="password" minlength="8" required
          autocomplete="${p.hasAccount ? "current-password" : "new-password"}">
        <button type="submit">${p.hasAccount ? "Sign in and join" : "Create account and join"}</button>
      </form>`,
  );
}

export function joinedPage(orgName: string, nonce: string) {
  return layout(
    `Joined ${orgName}`,
    nonce,
    html`<h1>You joined ${orgName}</h1><p class="muted">You can close this window and sign in to the application.</p>`,
  );
}
