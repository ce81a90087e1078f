import { html } from "hono/html";
import { layout, type PageFrame } from "./layout.ts";

/**
 * On the way to an organization's IdP. A navigation, not the form's redirect: the login page's
 * `form-action` cannot name every organization's IdP, and Chromium checks redirects against it.
 */
export function ssoRedirectPage(frame: PageFrame, p: { organization: string; url: string }) {
  const t = frame.t.enterpriseSso;
  return layout(
    frame,
    t.redirectTitle({ organization: p.organization }),
    html`<h1>${t.redirectTitle({ organization: p.organization })}</h1>
      <p class="muted">${t.redirectIntro}</p>
      <p><a id="sso-continue" href="${p.url}">${t.redirectAction}</a></p>`,
    html`<meta http-equiv="refresh" content="0;url=${p.url}">`,
  );
}
