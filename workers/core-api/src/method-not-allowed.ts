import { DomainError } from "@authpi/domain/errors";
import type { Context, Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { renderError } from "./errors.ts";

type Route = { method: string; pattern: RegExp };

function compile(app: Hono<AppEnv>): Route[] {
  return app.routes
    .filter((r) => r.method !== "ALL" && !r.path.includes("*"))
    .map((r) => {
      const source = r.path
        .split("/")
        .map((part) =>
          part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
        )
        .join("/");
      return { method: r.method, pattern: new RegExp(`^${source}/?$`) };
    });
}

/**
 * The not-found handler: a path that exists under other methods is a 405 with `Allow`
 * (RFC 9110 §15.5.6), anything else a 404, both in the envelope.
 */
export function notFoundOrMethodNotAllowed(app: Hono<AppEnv>) {
  let routes: Route[] | undefined;
  return function notFound(c: Context<AppEnv>): Response {
    routes ??= compile(app);
    const allowed = new Set(routes.filter((r) => r.pattern.test(c.req.path)).map((r) => r.method));
    if (allowed.size === 0) {
      return renderError(new DomainError("NOT_FOUND", "No such endpoint"), c);
    }
    if (allowed.has("GET")) allowed.add("HEAD");
    const allow = [...allowed].sort().join(", ");
    c.header("Allow", allow);
    const message = `${c.req.method} is not allowed on this path; allowed: ${allow}`;
    return renderError(new DomainError("METHOD_NOT_ALLOWED", message), c);
  };
}
