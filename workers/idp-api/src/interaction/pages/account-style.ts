import { html } from "hono/html";

/** The portal's few extra rules: a wider card, sections, and rows of sessions and passkeys. */
const ACCOUNT_STYLE = `
  main { max-width: 560px; }
  section { border-top: 1px solid #8a92a3; margin-top: 1.5rem; padding-top: .25rem; }
  .rows { list-style: none; padding: 0; margin: .5rem 0 0; }
  .rows > li { padding: .75rem 0; border-bottom: 1px solid #d5d9e0; }
  .rows form button, .inline button { width: auto; margin-top: .5rem; padding: .45rem .9rem; }
  .tag { font-size: .8rem; font-weight: 600; }
  .avatar { width: 56px; height: 56px; border-radius: 50%; object-fit: cover; }
`;

/** The portal's style tag (it carries the page's CSP nonce). */
export function accountStyle(nonce: string) {
  return html`<style nonce="${nonce}">${ACCOUNT_STYLE}</style>`;
}
