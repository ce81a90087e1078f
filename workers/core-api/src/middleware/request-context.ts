import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/** Stamps each request with an id, the clock and the metadata events record. */
export const requestContext = createMiddleware<AppEnv>(async function requestContext(c, next) {
  const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
  c.set("requestId", requestId);
  c.set("now", Date.now());
  c.set("request", {
    ip: c.req.header("cf-connecting-ip") ?? null,
    user_agent: c.req.header("user-agent") ?? null,
    request_id: requestId,
  });
  c.header("X-Request-Id", requestId);
  await next();
});
