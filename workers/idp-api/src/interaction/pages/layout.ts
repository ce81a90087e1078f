import type { Brand } from "@authpi/domain/branding";
import type { Locale, Messages } from "@authpi/domain/i18n";
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { brandStyle, PAGE_STYLE } from "./page-style.ts";

type Body = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What frames every hosted page: language, texts, brand, and the way back to the client. */
export interface PageFrame {
  locale: Locale;
  t: Messages;
  /** The CSP nonce of the response: the page's styles and scripts carry it. */
  nonce: string;
  brand: Brand;
  /** The client the user signs in to, when known ("to continue to …"). */
  clientName?: string | null;
  /** A URL the client handles (its validated redirect URI with an error), for "back to the application". */
  back?: string | null;
  /** When set, `back` is a form post of these fields (Form Post Response Mode §2). */
  backFields?: [string, string][] | undefined;
}

/** The issuer's name as users see it. */
export function displayName(frame: PageFrame): string {
  return frame.brand.displayName ?? frame.t.common.fallbackIssuerName;
}

/** The passkey scripts, for pages that offer a passkey ceremony (they carry the CSP nonce). */
export function passkeyScripts(nonce: string) {
  return html`<script nonce="${nonce}" src="/assets/webauthn-browser.js" defer></script>
    <script nonce="${nonce}" src="/assets/passkey.js" defer></script>`;
}

function footer(frame: PageFrame) {
  const { links } = frame.brand;
  const t = frame.t.common;
  const items = [
    [links.privacyPolicy, t.privacyPolicy],
    [links.termsOfService, t.termsOfService],
    [links.support, t.support],
  ].filter((item): item is [string, string] => item[0] !== null);
  if (items.length === 0) return "";
  return html`<footer aria-label="${t.footerLabel}"><ul>
    ${items.map(([href, label]) => html`<li><a href="${href}">${label}</a></li>`)}
  </ul></footer>`;
}

/** Hidden inputs carrying an answer's parameters, HTML-escaped (Form Post Response Mode §2). */
export function hiddenFields(fields: [string, string][]) {
  return fields.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
}

function backLink(frame: PageFrame) {
  if (!frame.back) return "";
  const t = frame.t.common;
  const label = frame.clientName
    ? t.backToNamedApplication({ client: frame.clientName })
    : t.backToApplication;
  if (frame.backFields) {
    return html`<form class="back" method="post" action="${frame.back}">${hiddenFields(frame.backFields)}<button type="submit">${label}</button></form>`;
  }
  return html`<p class="back"><a href="${frame.back}">${label}</a></p>`;
}

/**
 * The branded frame of every hosted page, in the negotiated language: logo, brand colour
 * (light and dark), the footer links, and "back to the application" when the frame has one.
 */
export function layout(frame: PageFrame, title: string, body: Body, head: Body | "" = "") {
  const logo = frame.brand.logoUrl
    ? html`<img class="logo" src="${frame.brand.logoUrl}" alt="${displayName(frame)}">`
    : "";
  return html`<!doctype html>
<html lang="${frame.locale}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>${title}</title>
    <style nonce="${frame.nonce}">${PAGE_STYLE}${brandStyle(frame.brand)}</style>
    ${head}
  </head>
  <body><main>${logo}${body}${backLink(frame)}</main>${footer(frame)}</body>
</html>`;
}
