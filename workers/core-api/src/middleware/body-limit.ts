import { INPUT_LIMITS, withBoundedBody } from "@authpi/domain/input";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/**
 * Bodies over 1 MiB are a 413 before anything parses them (docs/decisions/input-limits.md);
 * the body is read once here, counted, and handed on as bytes.
 */
export const limitBody = createMiddleware<AppEnv>(async function limitBody(c, next) {
  c.req.raw = await withBoundedBody(c.req.raw, INPUT_LIMITS.coreBodyBytes);
  await next();
});
