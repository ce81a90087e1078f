import { html } from "hono/html";
import { layout } from "./layout.ts";
import { STRINGS } from "./strings.ts";

/** A page for errors that must not redirect (RFC 6749 §4.1.2.1) or end a flow. */
export function errorPage(title: string, message: string, nonce: string) {
  return layout(title, nonce, html`<h1>${title}</h1><p class="error">${message}</p>`);
}

/** Shown after logout when the client gave no (valid) post_logout_redirect_uri. */
export function loggedOutPage(nonce: string) {
  return layout(
    STRINGS.signedOutTitle,
    nonce,
    html`<h1>${STRINGS.signedOutHeading}</h1><p class="muted">${STRINGS.closeWindow}</p>`,
  );
}
