import { html } from "hono/html";
import { displayName, layout, type PageFrame, passkeyScripts } from "./layout.ts";
import { type PasskeyFormProps, passkeyForm } from "./passkey-form.ts";

export interface LoginPageProps {
  frame: PageFrame;
  action: string;
  requestId: string;
  csrfToken: string;
  username: string;
  error: string | null;
  /** Whether the issuer has password sign-in enabled. */
  password: boolean;
  /** Passkey sign-in, when the issuer has passkeys enabled. */
  passkey: Omit<PasskeyFormProps, "kind" | "t"> | null;
  /** "Create an account": the hosted signup of this request, or the issuer's own page; null when off. */
  signupUrl: string | null;
  /** The "Email me a sign-in code" target, when the issuer has email sign-in (`email-link`) on. */
  emailCodeAction: string | null;
  /** The "Continue with single sign-on" target (home-realm discovery), when an org has SSO on. */
  ssoAction?: string | null;
  /** The "Forgot password?" link (carrying the interaction), or null when reset is off. */
  forgotUrl: string | null;
  /** A confirmation shown above the form (e.g. after a password reset). */
  notice?: string | null;
  /** "Continue with <provider>" buttons, in the order the page shows them. */
  upstreams?: UpstreamButtons | null;
}

export interface UpstreamButtons {
  action: string;
  connections: { id: string; displayName: string }[];
  /** `methods_featured` puts `oauth2` before `password`: the buttons come first. */
  first: boolean;
}

/** One form whose buttons each name a connection; posted with the interaction and CSRF token. */
function upstreamForm(p: LoginPageProps, u: UpstreamButtons) {
  const t = p.frame.t.upstream;
  return html`<form method="post" action="${u.action}" class="upstreams">
    <input type="hidden" name="request_id" value="${p.requestId}">
    <input type="hidden" name="csrf_token" value="${p.csrfToken}">
    ${u.connections.map(
      (c) =>
        html`<button type="submit" class="secondary" name="connection" value="${c.id}">${t.continueWith({ provider: c.displayName })}</button>`,
    )}
  </form>`;
}

/** The hosted sign-in form, offering the issuer's enabled first factors; every value is escaped. */
export function loginPage(p: LoginPageProps) {
  const t = p.frame.t.signIn;
  const issuer = displayName(p.frame);
  const email = p.emailCodeAction
    ? html`<button type="submit" class="secondary" formaction="${p.emailCodeAction}"
        formnovalidate>${p.frame.t.emailSignIn.sendCodeAction}</button>`
    : "";
  const sso = p.ssoAction
    ? html`<button type="submit" class="secondary" formaction="${p.ssoAction}"
        formnovalidate>${p.frame.t.enterpriseSso.continueAction}</button>`
    : "";
  const password = p.password
    ? html`<label for="password">${t.passwordLabel}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">${t.signInAction}</button>`
    : "";
  const upstreams = p.upstreams?.connections.length ? p.upstreams : null;
  const form =
    p.password || p.emailCodeAction || p.ssoAction
      ? html`<form method="post" action="${p.password ? p.action : (p.emailCodeAction ?? p.ssoAction)}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        ${p.passkey ? html`<input type="hidden" name="passkey_capable" value="">` : ""}
        <label for="username">${t.usernameLabel}</label>
        <input id="username" name="username" autocomplete="${p.passkey ? "username webauthn" : "username"}" required value="${p.username}">
        ${password}
        ${email}
        ${sso}
      </form>
      <div class="links">
        ${p.password && p.forgotUrl ? html`<a href="${p.forgotUrl}">${t.forgotPassword}</a>` : ""}
        ${p.signupUrl ? html`<a href="${p.signupUrl}">${t.createAccount}</a>` : ""}
      </div>`
      : p.passkey || upstreams
        ? ""
        : html`<p class="error">${t.noMethods}</p>`;
  const buttons = upstreams ? upstreamForm(p, upstreams) : "";
  const client = p.frame.clientName;
  return layout(
    p.frame,
    t.title({ issuer }),
    html`<h1>${t.heading({ issuer })}</h1>
      ${client ? html`<p class="muted subtitle">${t.continueTo({ client })}</p>` : ""}
      ${p.notice ? html`<p class="notice" role="status">${p.notice}</p>` : ""}
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      ${upstreams?.first ? buttons : ""}
      ${form}
      ${upstreams && !upstreams.first ? buttons : ""}
      ${p.passkey ? passkeyForm({ ...p.passkey, kind: "sign-in", t: p.frame.t }) : ""}`,
    p.passkey ? passkeyScripts(p.frame.nonce) : "",
  );
}
