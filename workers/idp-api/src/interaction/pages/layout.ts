import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

type Body = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
  body { font-family: system-ui, sans-serif; background: #f5f6f8; color: #1d2330; margin: 0; }
  main { max-width: 380px; margin: 10vh auto; background: #fff; padding: 2rem;
         border-radius: 12px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 1.35rem; margin: 0 0 1.25rem; }
  label { display: block; font-size: .9rem; margin: .9rem 0 .3rem; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem;
          border: 1px solid #c8ccd4; border-radius: 6px; }
  button { margin-top: 1.25rem; width: 100%; padding: .7rem; font-size: 1rem; border: 0;
           border-radius: 6px; background: #2b59c3; color: #fff; cursor: pointer; }
  .error { background: #fdecec; color: #9b1c1c; padding: .7rem; border-radius: 6px; }
  .links { display: flex; justify-content: space-between; margin-top: 1rem; font-size: .85rem; }
  .muted { color: #667085; }
  h2 { font-size: 1.05rem; margin: 1.75rem 0 .25rem; }
  .qr { display: block; margin: 1rem auto; max-width: 100%; height: auto; }
  code { font-size: 1rem; word-break: break-all; }
  .codes { columns: 2; padding-left: 1.25rem; }
  .passkey { background: #fff; color: #2b59c3; border: 1px solid #2b59c3; }
  .secondary { background: #fff; color: #2b59c3; border: 1px solid #2b59c3; margin-top: .75rem; }
  .notice { background: #e8f3ec; color: #17603a; padding: .7rem; border-radius: 6px; }
  a { color: #2b59c3; }
  .shown-code code { font-size: 1.6rem; letter-spacing: .2em; }
`;

/** The passkey scripts, for pages that offer a passkey ceremony (they carry the CSP nonce). */
export function passkeyScripts(nonce: string) {
  return html`<script nonce="${nonce}" src="/assets/webauthn-browser.js" defer></script>
    <script nonce="${nonce}" src="/assets/passkey.js" defer></script>`;
}

/** The frame of every hosted page; `nonce` lets the one inline style (and any script) pass the CSP. */
export function layout(title: string, nonce: string, body: Body, head: Body | "" = "") {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <title>${title}</title>
    <style nonce="${nonce}">${STYLE}</style>
    ${head}
  </head>
  <body><main>${body}</main></body>
</html>`;
}
