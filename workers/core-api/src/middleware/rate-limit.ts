import { DomainError } from "@authpi/domain/errors";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/** The limiter's window: a refused caller may try again after this many seconds. */
const WINDOW_S = 60;

/** Per-API-key rate limit (Workers Rate Limiting binding): 429 with `Retry-After` when over. */
export const rateLimit = createMiddleware<AppEnv>(async function rateLimit(c, next) {
  const { success } = await c.env.API_KEY_LIMITER.limit({ key: c.var.principal.keyId });
  if (!success) {
    throw new DomainError("RATE_LIMITED", "Too many requests for this API key; slow down", {
      retryAfter: WINDOW_S,
    });
  }
  await next();
});
