import { html } from "hono/html";
import type { FormContext } from "./account-profile-sections.ts";
import type { ConnectedApp } from "./account-security-sections.ts";

/** Agents the user lets act for them by token exchange (docs/token-exchange.md); each can lose it. */
export function actingAppsSection(f: FormContext, agents: ConnectedApp[]) {
  const t = f.frame.t;
  const rows = agents.map(
    (agent) => html`<li>
      <strong>${agent.name}</strong>
      <br><span class="muted">${t.account.appScopes({ scopes: agent.scopes.join(", ") })}</span>
      <form method="post" action="${f.base}/apps/remove" class="inline">
        <input type="hidden" name="csrf_token" value="${f.csrfToken}">
        <input type="hidden" name="client_id" value="${agent.clientId}">
        <button type="submit" class="secondary">${t.account.removeAppAction({ app: agent.name })}</button>
      </form>
    </li>`,
  );
  return html`<section aria-labelledby="acting-apps-heading">
    <h2 id="acting-apps-heading">${t.actingApps.heading}</h2>
    ${
      agents.length
        ? html`<p>${t.actingApps.explanation}</p><ul class="rows">${rows}</ul>`
        : html`<p>${t.actingApps.none}</p>`
    }
  </section>`;
}
