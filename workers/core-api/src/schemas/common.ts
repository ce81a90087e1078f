import { z } from "@hono/zod-openapi";

export const ApiErrorSchema = z
  .object({
    error: z.string(),
    error_description: z.string(),
    reference: z.string().optional(),
    retryable: z.boolean(),
    retry_after: z.number().int().optional(),
    fields: z
      .array(z.object({ field: z.string(), code: z.string(), message: z.string() }))
      .optional(),
  })
  .openapi("ApiError");

export const MetadataSchema = z.record(z.string(), z.unknown()).openapi("Metadata");

/** `{data: T}`, the wrapper of every single-resource response (docs/decisions/wire-contract.md §1). */
export function single<T extends z.ZodType>(schema: T) {
  return z.object({ data: schema });
}

/** `{data, has_more, next_cursor}` (docs/decisions/wire-contract.md §1). */
export function page<T extends z.ZodType>(schema: T) {
  return z.object({
    data: z.array(schema),
    has_more: z.boolean(),
    next_cursor: z.string().nullable(),
  });
}

export const AccountParams = z.object({
  account_id: z
    .string()
    .openapi({ param: { name: "account_id", in: "path" }, example: "acc_01jq7..." }),
});

export const IssuerParams = AccountParams.extend({
  issuer_id: z
    .string()
    .openapi({ param: { name: "issuer_id", in: "path" }, example: "i_01jq7..." }),
});

const errorResponse = (description: string) => ({
  description,
  content: { "application/json": { schema: ApiErrorSchema } },
});

/** The error responses every authenticated route can give. */
export const errorResponses = {
  401: errorResponse("Authentication is required or has failed"),
  403: errorResponse("The API key lacks the required scope"),
  404: errorResponse("The resource does not exist"),
  422: errorResponse("The request body or query is invalid"),
  429: errorResponse("Too many requests"),
  500: errorResponse("Internal server error"),
} as const;

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { "application/json": { schema } }, required: true };
}

/** A body the caller may leave out; empty reads as `{}` (see `readJsonBody`). */
export function optionalJsonBody<T extends z.ZodType>(schema: T) {
  return { content: { "application/json": { schema } }, required: false };
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { content: { "application/json": { schema } }, description };
}

/** Optimistic concurrency on updates and deletes (RFC 9110 §13.1.1). */
export const IfMatchHeader = z.object({
  "if-match": z
    .string()
    .optional()
    .openapi({ param: { name: "if-match", in: "header" } }),
});
