import { html } from "hono/html";
import { layout, type PageFrame } from "./layout.ts";

export interface InvitationPageProps {
  frame: PageFrame;
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
}

/** The invitation page: sign in, or set a password, to join the organization. */
export function invitationPage(p: InvitationPageProps) {
  const t = p.frame.t.signIn;
  const org = p.orgName;
  const intro = p.inviter
    ? p.title
      ? t.invitedByAs({ inviter: p.inviter, org, title: p.title })
      : t.invitedBy({ inviter: p.inviter, org })
    : p.title
      ? t.invitedAs({ org, title: p.title })
      : t.invited({ org });
  return layout(
    p.frame,
    t.joinTitle({ org }),
    html`<h1>${t.joinTitle({ org })}</h1>
      <p>${intro}</p>
      ${p.error ? html`<p class="error" role="alert">${p.error}</p>` : ""}
      <form method="post" action="${p.action}">
        <input type="hidden" name="token" value="${p.token}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <label for="email">${t.emailLabel}</label>
        <input id="email" name="email" value="${p.email}" readonly>
        <label for="password">${p.hasAccount ? t.passwordLabel : t.choosePassword}</label>
        <input id="password" name="password" type="password" minlength="8" required
          autocomplete="${p.hasAccount ? "current-password" : "new-password"}">
        <button type="submit">${p.hasAccount ? t.signInAndJoin : t.createAndJoin}</button>
      </form>`,
  );
}

export function joinedPage(frame: PageFrame, org: string) {
  const t = frame.t.signIn;
  return layout(
    frame,
    t.joinedTitle({ org }),
    html`<h1>${t.joinedHeading({ org })}</h1><p class="muted">${t.joinedNext}</p>`,
  );
}
