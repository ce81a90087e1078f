import { INPUT_LIMITS } from "@authpi/domain/input";
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

const ITEM_VERBS: Record<string, string> = {
  get: "get",
  patch: "update",
  put: "replace",
  delete: "delete",
  post: "create",
};

/**
 * A stable operationId from the path: its literal segments after the account, then the verb
 * (`issuers.users.list`, `issuers.users.get`, `webhooks.redeliver.create`), the way the SDKs
 * name their resources.
 */
export function operationIdFor(method: string, path: string): string {
  const segments = path
    .replace(/^\/v1\/accounts\/\{account_id\}(?=\/)/, "/accounts")
    .replace(/^\/v1/, "")
    .split("/")
    .filter(Boolean);
  const names = segments.filter((s) => !s.startsWith("{")).map((s) => s.replace(/-/g, "_"));
  const onItem = segments.at(-1)?.startsWith("{") ?? false;
  const verb = onItem
    ? (ITEM_VERBS[method] ?? method)
    : method === "get"
      ? "list"
      : method === "post"
        ? "create"
        : (ITEM_VERBS[method] ?? method);
  return [...(names.length ? names : ["accounts"]), verb].join(".");
}

/** The scope a route's `requireScope` middleware asks for, if any. */
function requiredScope(middleware: unknown[]): string | undefined {
  for (const handler of middleware) {
    const scope = (handler as { requiredScope?: string }).requiredScope;
    if (scope) return scope;
  }
  return undefined;
}

/** The operation's description: what it does, what it needs, how it may be retried. */
function describe(route: RouteConfig, scope: string | undefined): string {
  const lines = [route.description ?? `${route.summary ?? route.path}.`];
  const bootstrap = route.security?.some((entry) => "bootstrapToken" in entry) ?? false;
  lines.push(
    bootstrap
      ? "Authenticated with the deployment's bootstrap token (`Authorization: Bearer ...`), once."
      : scope
        ? `Requires an API key holding the \`${scope}\` scope (or one that covers it).`
        : "Requires an API key; no scope.",
  );
  if (route.method === "post" && scope)
    lines.push(
      "Send an `Idempotency-Key` to make a retry safe: the same key and body replay the first answer for 24 hours.",
    );
  if (hasIfMatch(route))
    lines.push(
      "Send the `ETag` you read as `If-Match` so a concurrent change is refused with 412.",
    );
  return lines.join("\n\n");
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
    operationId: route.operationId ?? operationIdFor(route.method, route.path),
    description: describe(route, requiredScope(own)),
    middleware,
    request: { ...route.request, query: strictQuery },
    responses,
  };
}
