import { DomainError } from "@authpi/domain/errors";
import { INPUT_LIMITS } from "@authpi/domain/input";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./env.ts";

const JSON_TYPE = /^application\/([a-z-.]+\+)?json\s*(;|$)/i;

/** True when a parsed JSON value nests deeper than `max` (arrays and objects). */
function nestsDeeper(value: unknown, max: number): boolean {
  if (value === null || typeof value !== "object") return false;
  if (max === 0) return true;
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => nestsDeeper(child, max - 1));
}

/**
 * The one reader of JSON request bodies, put in front of every route that takes one: a route
 * whose body is required refuses an empty one; an optional body may be empty (even when sent
 * with `Content-Type: application/json`) and then reads as `{}`. Then the zod schema runs.
 */
export function readJsonBody(required: boolean) {
  return createMiddleware<AppEnv>(async function readJsonBody(c, next) {
    const text = await c.req.raw.clone().text();
    const type = c.req.header("content-type");
    if (text.trim() === "") {
      if (required) throw new DomainError("INVALID_REQUEST", "This operation needs a JSON body");
      // Sent with no Content-Type at all (the SDKs' bodiless actions): read it as JSON `{}`.
      const headers = new Headers(c.req.raw.headers);
      headers.set("content-type", "application/json");
      c.req.raw = new Request(c.req.raw, { body: "{}", headers });
      return next();
    }
    if (!type || !JSON_TYPE.test(type)) {
      throw new DomainError("INVALID_CONTENT_TYPE", "The body must be application/json");
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new DomainError("INVALID_REQUEST", "Malformed JSON in request body");
    }
    if (nestsDeeper(parsed, INPUT_LIMITS.bodyDepth)) {
      throw new DomainError(
        "VALIDATION_FAILED",
        `The body nests deeper than ${INPUT_LIMITS.bodyDepth} levels`,
        { fields: [{ field: "body", code: "too_deep", message: "nests too deep" }] },
      );
    }
    await next();
  });
}
