import { Hono } from "hono";
import { PASSKEY_JS } from "./passkey-script.ts";
import { WEBAUTHN_BROWSER_JS } from "./webauthn-browser.ts";

const FILES: Record<string, string> = {
  "webauthn-browser.js": WEBAUTHN_BROWSER_JS,
  "passkey.js": PASSKEY_JS,
};

/** The hosted pages' scripts, loaded with the page's CSP nonce (`script-src 'nonce-…'`). */
export const assetRoutes = new Hono().get("/assets/:file{[a-z-]+\\.js}", (c) => {
  const body = FILES[c.req.param("file")];
  if (body === undefined) return c.notFound();
  return c.body(body, 200, {
    "Content-Type": "text/javascript; charset=utf-8",
    "Cache-Control": "public, max-age=3600",
    "X-Content-Type-Options": "nosniff",
  });
});
