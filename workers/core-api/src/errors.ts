import { DomainError, type FieldError, isDomainError } from "@authpi/domain/errors";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";

/** Where a zod failure came from: the names unknown keys get in the message. */
export type InputTarget = "json" | "query" | "param" | "header" | "form" | "cookie";

function fieldErrors(error: ZodError, target: InputTarget): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === "unrecognized_keys") {
      const what = target === "query" ? "unknown query parameter" : "unknown field";
      return issue.keys.map((key) => ({
        field: [...issue.path, key].join("."),
        code: "unknown_field",
        message: what,
      }));
    }
    return [{ field: issue.path.join(".") || "body", code: issue.code, message: issue.message }];
  });
}

/** Turns a zod failure into a 422 naming every bad field, unknown ones included. */
export function validationError(error: ZodError, target: InputTarget = "json"): DomainError {
  const fields = fieldErrors(error, target);
  const description = fields.map((f) => `${f.field}: ${f.message}`).join("; ");
  return new DomainError("VALIDATION_FAILED", `Invalid request: ${description}`, { fields });
}

/** AuthPI's envelope `{error, error_description}` (+ `retryable`, `fields`, extras). */
export function renderError(thrown: Error, c: Context): Response {
  const error = fromHttpException(thrown);
  const requestId = (c.get("requestId") as string | undefined) ?? "";
  if (!isDomainError(error)) {
    console.error(`unhandled error (request ${requestId})`, error);
    return c.json(
      {
        error: "server_error",
        error_description: "Internal server error",
        reference: requestId,
        retryable: true,
      },
      500,
    );
  }
  if (error.retryAfter !== undefined) c.header("Retry-After", String(error.retryAfter));
  if (error.status === 401) c.header("WWW-Authenticate", 'Basic realm="authpi"');
  return c.json(
    {
      error: error.wireError,
      error_description: error.message,
      reference: requestId,
      retryable: error.status === 429 || error.status >= 500 || error.retryAfter !== undefined,
      ...(error.retryAfter !== undefined ? { retry_after: error.retryAfter } : {}),
      ...(error.fields ? { fields: error.fields } : {}),
      ...error.extra,
    },
    error.status as ContentfulStatusCode,
  );
}

/** Hono's own 4xx (a malformed JSON body, a wrong media type) in the envelope, not a 500. */
function fromHttpException(error: Error): Error {
  if (!(error instanceof HTTPException) || error.status >= 500) return error;
  const message = error.message || "The request could not be read";
  if (error.status === 415) return new DomainError("INVALID_CONTENT_TYPE", message);
  if (error.status === 413) return new DomainError("PAYLOAD_TOO_LARGE", message);
  return new DomainError("INVALID_REQUEST", message);
}
