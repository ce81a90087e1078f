import { chooseRequestId } from "@authpi/domain/request-id";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Stamps each request with its id and clock; the id goes back as `X-Request-Id`, errors too,
 * set on the finished response (every response of this worker is built here, so its headers
 * can be set; a header set before `next()` costs a Headers object on every request). Over
 * https the response also gets HSTS; never over plain http, where browsers ignore it and
 * RFC 6797 §7.2 forbids sending it.
 */
export const requestContext = createMiddleware<AppEnv>(async function requestContext(c, next) {
  const requestId = chooseRequestId(c.req.header("x-request-id"), c.req.header("cf-ray"));
  c.set("requestId", requestId);
  c.set("now", Date.now());
  await next();
  if (!c.res.headers.has("X-Request-Id")) c.res.headers.set("X-Request-Id", requestId);
  if (c.req.url.startsWith("https:")) c.res.headers.set("Strict-Transport-Security", HSTS);
});
