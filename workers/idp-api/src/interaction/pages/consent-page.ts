import type { Messages } from "@authpi/domain/i18n";
import { html } from "hono/html";
import { displayName, layout, type PageFrame } from "./layout.ts";

export interface ConsentPageProps {
  frame: PageFrame;
  action: string;
  requestId: string;
  csrfToken: string;
  clientName: string;
  clientLogoUrl: string | null;
  /** The host of a URL client id (a metadata-document client), shown beside its name. */
  clientHost?: string | null;
  scopes: readonly string[];
}

/** A scope in plain words; a custom scope the catalogue does not know is shown by its name. */
export function scopeText(t: Messages["consent"], scope: string): string {
  const known = t.scopes as Record<string, string>;
  return Object.hasOwn(known, scope) ? (known[scope] as string) : t.customScope({ scope });
}

/** The consent page: who asks, for what in plain words, and Allow or Deny (one form). */
export function consentPage(p: ConsentPageProps) {
  const t = p.frame.t.consent;
  const title = t.title({ client: p.clientName });
  const logo = p.clientLogoUrl
    ? html`<img class="logo" src="${p.clientLogoUrl}" alt="" width="48" height="48">`
    : "";
  return layout(
    p.frame,
    title,
    html`${logo}<h1>${title}</h1>
      ${p.clientHost ? html`<p><strong>${p.frame.t.clientMetadata.fromHost({ host: p.clientHost })}</strong></p>` : ""}
      <p>${t.intro({ client: p.clientName, issuer: displayName(p.frame) })}</p>
      <ul aria-label="${t.scopesLabel}">
        ${p.scopes.map((scope) => html`<li>${scopeText(t, scope)}</li>`)}
      </ul>
      <p class="muted">${t.remember}</p>
      <form method="post" action="${p.action}">
        <input type="hidden" name="request_id" value="${p.requestId}">
        <input type="hidden" name="csrf_token" value="${p.csrfToken}">
        <button type="submit" name="decision" value="allow">${t.allowAction}</button>
        <button type="submit" name="decision" value="deny" class="secondary">${t.denyAction}</button>
      </form>`,
  );
}
