import { isDomainError } from "@authpi/domain/errors";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "./env.ts";

/**
 * Renders errors as RFC 6749 §5.2 JSON with `Cache-Control: no-store`; `invalid_client`
 * carries `WWW-Authenticate` (RFC 6749 §5.2), `invalid_token` a Bearer challenge (RFC 6750 §3)
 * and a rate limit `Retry-After` in seconds (RFC 6585 §4).
 * Unknown errors are a generic 500, logged with the request id.
 */
export function renderError(error: Error, c: Context<AppEnv>): Response {
  c.header("Cache-Control", "no-store");
  if (!isDomainError(error)) {
    console.error("unhandled error", c.var.requestId ?? "", error);
    return c.json({ error: "server_error", error_description: "Internal server error" }, 500);
  }
  if (error.code === "INVALID_CLIENT") c.header("WWW-Authenticate", 'Basic realm="authpi"');
  if (error.retryAfter !== undefined) c.header("Retry-After", String(error.retryAfter));
  if (error.code === "INVALID_TOKEN" || error.code === "INSUFFICIENT_SCOPE") {
    c.header(
      "WWW-Authenticate",
      `Bearer error="${error.wireError}", error_description="${error.message.replace(/"/g, "'")}"`,
    );
  }
  return c.json(
    { error: error.wireError, error_description: error.message },
    error.status as ContentfulStatusCode,
  );
}
