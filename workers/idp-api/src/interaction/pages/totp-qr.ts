import type { Messages } from "@authpi/domain/i18n";
import { html } from "hono/html";
import { renderSVG } from "uqr";

/** Groups of four, as authenticator apps show them; each group stays whole, lines break between. */
function grouped(secret: string) {
  const groups = secret.match(/.{1,4}/g) ?? [];
  return groups.map((group, i) => html`${i > 0 ? " " : ""}<span class="group">${group}</span>`);
}

/** A TOTP enrollment's QR code (server-side SVG) and the same secret as text, for apps without a camera. */
export function totpQr(t: Messages, provisioningUri: string, secret: string) {
  const svg = renderSVG(provisioningUri, { border: 2 });
  const src = `data:image/svg+xml;base64,${btoa(svg)}`;
  return html`<p>${t.signIn.enrollIntro}</p>
    <img class="qr" src="${src}" alt="${t.signIn.qrAlt}" width="200" height="200">
    <p class="muted">${t.signIn.secretLabel}</p>
    <p><code id="secret" class="secret">${grouped(secret)}</code></p>`;
}
