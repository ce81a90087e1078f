import { DomainError } from "@authpi/domain/errors";
import { allowedMethodsOf } from "@authpi/domain/input";
import type { Context, Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { renderError } from "./errors.ts";

/**
 * The not-found handler: a path that exists under other methods is a 405 with `Allow`
 * (RFC 9110 §15.5.6), anything else a 404, both in the envelope.
 */
export function notFoundOrMethodNotAllowed(app: Hono<AppEnv>) {
  const allowedMethods = allowedMethodsOf(app.routes);
  return function notFound(c: Context<AppEnv>): Response {
    const allowed = allowedMethods(c.req.path);
    if (allowed.length === 0) {
      return renderError(new DomainError("NOT_FOUND", "No such endpoint"), c);
    }
    const allow = allowed.join(", ");
    c.header("Allow", allow);
    const message = `${c.req.method} is not allowed on this path; allowed: ${allow}`;
    return renderError(new DomainError("METHOD_NOT_ALLOWED", message), c);
  };
}
