import { html } from "hono/html";
import { layout, type PageFrame } from "./layout.ts";

/** A page for errors that must not redirect (RFC 6749 §4.1.2.1) or end a flow. */
export function errorPage(frame: PageFrame, title: string, message: string) {
  return layout(frame, title, html`<h1>${title}</h1><p class="error">${message}</p>`);
}

/** Shown after logout when the client gave no (valid) post_logout_redirect_uri. */
export function loggedOutPage(frame: PageFrame) {
  const t = frame.t.common;
  return layout(
    frame,
    t.signedOutTitle,
    html`<h1>${t.signedOutHeading}</h1><p class="muted">${t.closeWindow}</p>`,
  );
}
