import { INPUT_LIMITS } from "@authpi/domain/input/limits";
import { type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import { readJsonBody } from "./json-body.ts";
import { ApiErrorSchema } from "./schemas/common.ts";

const DESCRIPTIONS: Record<number, string> = {
  400: "The request is malformed: invalid JSON, a missing body or a bad header",
  401: "Authentication is required or has failed",
  403: "The API key lacks the required scope",
  404: "The resource does not exist",
  409: "The change conflicts with the resource's state, or its Idempotency-Key is in use",
  412: "If-Match does not match the resource's current ETag",
  413: `The body is larger than ${INPUT_LIMITS.coreBodyBytes} bytes`,
  415: "The body is not application/json",
  422: "The body, query or a header is invalid; unknown fields and parameters are named",
  429: "Too many requests",
  500: "Internal server error",
};

function hasIfMatch(route: RouteConfig): boolean {
  const headers = route.request?.headers;
  return headers instanceof z.ZodObject && "if-match" in headers.shape;
}

/** Every error status the server can give for this operation, from what the route takes. */
function errorStatuses(route: RouteConfig): number[] {
  const body = route.request?.body !== undefined;
  const statuses = [401, 403, 404, 413, 422, 429, 500];
  if (body || route.method !== "get") statuses.push(400, 409);
  if (body) statuses.push(415);
  if (hasIfMatch(route)) statuses.push(412);
  return statuses;
}

/**
 * What every Core API route gets, in one place, so a new route cannot forget it: unknown query
 * parameters are refused (a strict query schema), a JSON body goes through `readJsonBody`, and
 * the document lists every error status the server can answer.
 */
export function withContract<R extends RouteConfig>(route: R): R {
  const query = route.request?.query;
  const strictQuery = query instanceof z.ZodObject ? query.strict() : (query ?? z.strictObject({}));
  const body = route.request?.body;
  const own = route.middleware ? [route.middleware].flat() : [];
  const middleware: MiddlewareHandler[] = body
    ? [...own, readJsonBody(body.required === true)]
    : own;
  const responses = { ...route.responses };
  for (const status of errorStatuses(route)) {
    responses[status] ??= {
      description: DESCRIPTIONS[status] as string,
      content: { "application/json": { schema: ApiErrorSchema } },
    };
  }
  return {
    ...route,
    middleware,
    request: { ...route.request, query: strictQuery },
    responses,
  };
}
