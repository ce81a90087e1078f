import { DomainError } from "@authpi/domain/errors";
import { allowedMethodsOf } from "@authpi/domain/input";
import type { Context, Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { renderError } from "./errors.ts";

/**
 * A path served under other methods is a 405 with `Allow` (RFC 9110 §15.5.6), in the OAuth
 * error format; anything else stays a 404.
 */
export function notFoundOrMethodNotAllowed(app: Hono<AppEnv>) {
  const allowedMethods = allowedMethodsOf(app.routes);
  return function notFound(c: Context<AppEnv>): Response {
    const allowed = allowedMethods(c.req.path);
    // A route of this method that found nothing (an unknown asset) is a plain 404.
    if (allowed.length === 0 || allowed.includes(c.req.method)) {
      return c.json({ error: "not_found", error_description: "No such endpoint" }, 404);
    }
    c.header("Allow", allowed.join(", "));
    const message = `${c.req.method} is not allowed here; allowed: ${allowed.join(", ")}`;
    return renderError(new DomainError("METHOD_NOT_ALLOWED", message), c);
  };
}
