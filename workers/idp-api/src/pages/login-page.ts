import { html } from "hono/html";
import { layout } from "./layout.ts";

export interface LoginPageProps {
  issuerName: string;
  action: string;
  requestId: string;
  csrfToken: string;
  username: string;
  error: string | null;
  nonce: string;
}

/** The hosted sign-in form; every value is escaped by the `html` template. */
export function loginPage(p: LoginPageProps) {
  return layout(
    `Sign in · ${p.issuerName}`,
    p.nonce,
    html`<h1>Sign in to ${p.issuerName}</h1>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <form method="post" action="${p.action}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="username">Email or username</label>
        <input id="username" name="username" autocomplete="username" required value="${p.username}">
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
      </form>
      <div class="links">
        <span class="muted" title="Coming soon">Forgot password?</span>
        <span class="muted" title="Coming soon">Create an account</span>
      </div>`,
  );
}

/** A page for errors that must not redirect (RFC 6749 §4.1.2.1) or end a flow. */
export function errorPage(title: string, message: string, nonce: string) {
  return layout(title, nonce, html`<h1>${title}</h1><p class="error">${message}</p>`);
}

/** Shown after logout when the client gave no (valid) post_logout_redirect_uri. */
export function loggedOutPage(nonce: string) {
  return layout(
    "Signed out",
    nonce,
    html`<h1>You are signed out</h1><p class="muted">You can close this window.</p>`,
  );
}
