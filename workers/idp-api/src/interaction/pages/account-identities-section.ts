import { html } from "hono/html";
import type { FormContext } from "./account-profile-sections.ts";

export interface LinkedAccount {
  id: string;
  provider: string;
  email: string | null;
  linkedOn: string;
}

/** "Linked accounts": the upstream identities the user signs in with, each removable. */
export function linkedAccountsSection(f: FormContext, accounts: LinkedAccount[]) {
  const t = f.frame.t.upstream;
  const rows = accounts.map(
    (a) => html`<li>
      <strong>${a.provider}</strong>${a.email ? html` <span class="muted">${a.email}</span>` : ""}
      <br><span class="muted">${t.linkedSince({ date: a.linkedOn })}</span>
      <form method="post" action="${f.base}/identities/remove" class="inline">
        <input type="hidden" name="csrf_token" value="${f.csrfToken}">
        <input type="hidden" name="identity_id" value="${a.id}">
        <button type="submit" class="secondary">${t.unlinkAction({ provider: a.provider })}</button>
      </form>
    </li>`,
  );
  return html`<section aria-labelledby="identities-heading">
    <h2 id="identities-heading">${t.linkedHeading}</h2>
    ${accounts.length ? html`<ul class="rows">${rows}</ul>` : html`<p>${t.linkedNone}</p>`}
  </section>`;
}
