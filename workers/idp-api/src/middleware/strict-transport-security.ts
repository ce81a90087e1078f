import { createMiddleware } from "hono/factory";

const HSTS = "max-age=31536000; includeSubDomains";

/**
 * HSTS on every response that came over https; never over plain http, where browsers ignore
 * it and RFC 6797 §7.2 forbids sending it.
 */
export const strictTransportSecurity = createMiddleware(
  async function strictTransportSecurity(c, next) {
    await next();
    if (c.req.url.startsWith("https:")) {
      c.res.headers.set("Strict-Transport-Security", HSTS);
    }
  },
);
