import { createMiddleware } from "hono/factory";

/**
 * Headers for every HTML page: a strict CSP whose only inline style carries the per-response
 * nonce, no framing (clickjacking), no referrer (codes and state never leak), no caching.
 */
export const pageSecurity = createMiddleware<{ Variables: { cspNonce: string } }>(
  async function pageSecurity(c, next) {
    const nonce = crypto.randomUUID().replace(/-/g, "");
    c.set("cspNonce", nonce);
    await next();
    if (!c.res.headers.get("content-type")?.startsWith("text/html")) return;
    c.res.headers.set(
      "Content-Security-Policy",
      `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' https: data:; base-uri 'none'; frame-ancestors 'none'`,
    );
    c.res.headers.set("X-Frame-Options", "DENY");
    c.res.headers.set("Referrer-Policy", "no-referrer");
    c.res.headers.set("X-Content-Type-Options", "nosniff");
    c.res.headers.set("Cache-Control", "no-store");
  },
);
