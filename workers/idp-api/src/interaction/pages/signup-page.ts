import { html } from "hono/html";
import { displayName, layout, type PageFrame } from "./layout.ts";

export interface SignupPageProps {
  frame: PageFrame;
  action: string;
  /** The login page of the same interaction ("Already have an account? Sign in"). */
  signInUrl: string;
  requestId: string;
  csrfToken: string;
  email: string;
  name: string;
  error: string | null;
  /** The strength library's advice for a refused password, in the page's language. */
  advice: string[];
  minLength: number;
}

/** The hosted signup form: email, new password, optional name; works without JavaScript. */
export function signupPage(p: SignupPageProps) {
  const t = p.frame.t.signup;
  const issuer = displayName(p.frame);
  const client = p.frame.clientName;
  const min = String(p.minLength);
  return layout(
    p.frame,
    t.title({ issuer }),
    html`<h1>${t.heading({ issuer })}</h1>
      ${client ? html`<p class="muted subtitle">${p.frame.t.signIn.continueTo({ client })}</p>` : ""}
      ${
        p.error
          ? html`<div class="error" role="alert"><p>${p.error}</p>${
              p.advice.length > 0 ? html`<ul>${p.advice.map((a) => html`<li>${a}</li>`)}</ul>` : ""
            }</div>`
          : ""
      }
      <form method="post" action="${p.action}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="email">${t.emailLabel}</label>
        <input id="email" name="email" type="email" autocomplete="email" required maxlength="320" value="${p.email}">
        <label for="password">${t.passwordLabel}</label>
        <input id="password" name="password" type="password" autocomplete="new-password" required
          minlength="${min}" aria-describedby="password-help">
        <p class="muted hint" id="password-help">${t.passwordHelp({ min })}</p>
        <label for="name">${t.nameLabel}</label>
        <input id="name" name="name" autocomplete="name" maxlength="400" value="${p.name}">
        <button type="submit">${t.createAction}</button>
      </form>
      <p class="links"><span>${t.haveAccount} <a href="${p.signInUrl}">${t.signInLink}</a></span></p>`,
  );
}
