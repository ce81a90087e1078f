import type { UserRow } from "@authpi/domain/users";
import { html } from "hono/html";
import type { PageFrame } from "./layout.ts";

export interface FormContext {
  frame: PageFrame;
  /** `/{issuer_id}/account` */
  base: string;
  csrfToken: string;
}

function csrf(f: FormContext) {
  return html`<input type="hidden" name="csrf_token" value="${f.csrfToken}">`;
}

/** Name and picture (https only): not sensitive, no step-up. */
export function profileSection(f: FormContext, user: UserRow) {
  const t = f.frame.t.account;
  const name = (user.profile.name as string | null | undefined) ?? "";
  const picture = (user.profile.picture as string | null | undefined) ?? "";
  return html`<section aria-labelledby="profile-heading">
    <h2 id="profile-heading">${t.profileHeading}</h2>
    ${picture ? html`<img class="avatar" src="${picture}" alt="${t.pictureAlt}">` : ""}
    <form method="post" action="${f.base}/profile">
      ${csrf(f)}
      <label for="name">${t.nameLabel}</label>
      <input id="name" name="name" autocomplete="name" maxlength="400" value="${name}">
      <label for="picture">${t.pictureLabel}</label>
      <input id="picture" name="picture" type="url" autocomplete="photo" maxlength="2000"
        pattern="https://.*" aria-describedby="picture-help" value="${picture}">
      <p class="muted hint" id="picture-help">${t.pictureHelp}</p>
      <button type="submit">${t.saveProfileAction}</button>
    </form>
  </section>`;
}

/** The address (changed only after the code sent to the new one) and the password. */
export function credentialsSections(
  f: FormContext,
  p: { email: string | null; steppedUp: boolean; minLength: number },
) {
  const t = f.frame.t.account;
  const min = String(p.minLength);
  const email = html`<section aria-labelledby="email-heading">
    <h2 id="email-heading">${t.emailHeading}</h2>
    <p>${p.email ?? t.noEmail}</p>
    ${
      p.steppedUp
        ? html`<form method="post" action="${f.base}/email">
          ${csrf(f)}
          <label for="new-email">${t.newEmailLabel}</label>
          <input id="new-email" name="email" type="email" autocomplete="email" required maxlength="320">
          <button type="submit">${t.changeEmailAction}</button>
        </form>`
        : ""
    }
  </section>`;
  const password = html`<section aria-labelledby="password-heading">
    <h2 id="password-heading">${t.passwordHeading}</h2>
    ${
      p.steppedUp
        ? html`<form method="post" action="${f.base}/password">
          ${csrf(f)}
          <input type="text" name="username" autocomplete="username" value="${p.email ?? ""}" hidden>
          <label for="current-password">${t.currentPasswordLabel}</label>
          <input id="current-password" name="current_password" type="password"
            autocomplete="current-password" required>
          <label for="new-password">${t.newPasswordLabel}</label>
          <input id="new-password" name="new_password" type="password" autocomplete="new-password"
            required minlength="${min}" aria-describedby="new-password-help">
          <p class="muted hint" id="new-password-help">${t.newPasswordHelp({ min })}</p>
          <button type="submit">${t.changePasswordAction}</button>
        </form>`
        : html`<p class="muted">${t.passwordIntro}</p>`
    }
  </section>`;
  return html`${email}${password}`;
}
