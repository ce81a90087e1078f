import { bodyIsBounded, boundedBodyBytes, INPUT_LIMITS } from "@authpi/domain/input";
import { createMiddleware } from "hono/factory";

/**
 * Form and JSON bodies over 64 KiB are a 413 in the OAuth error format before anything parses
 * them (docs/decisions/input-limits.md). A declared length bounds the body by itself, so such a
 * body is left for its reader; one without (chunked) is counted as it streams here, and the
 * bytes read are what every later `c.req` body read returns (Hono's body cache), so the request
 * is not rebuilt; nothing in this worker reads `c.req.raw`'s body.
 */
export const limitBody = createMiddleware(async function limitBody(c, next) {
  if (!bodyIsBounded(c.req.raw, INPUT_LIMITS.idpBodyBytes)) {
    const bytes = await boundedBodyBytes(c.req.raw, INPUT_LIMITS.idpBodyBytes);
    // Hono keeps the pending read (a promise) under the method's name, whatever its types say.
    if (bytes) (c.req.bodyCache as Record<string, unknown>).arrayBuffer = Promise.resolve(bytes);
  }
  await next();
});
