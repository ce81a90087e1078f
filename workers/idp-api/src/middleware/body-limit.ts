import { INPUT_LIMITS, withBoundedBody } from "@authpi/domain/input";
import { createMiddleware } from "hono/factory";

/**
 * Form and JSON bodies over 64 KiB are a 413 in the OAuth error format before anything parses
 * them (docs/decisions/input-limits.md); the body is counted as it streams.
 */
export const limitBody = createMiddleware(async function limitBody(c, next) {
  c.req.raw = await withBoundedBody(c.req.raw, INPUT_LIMITS.idpBodyBytes);
  await next();
});
