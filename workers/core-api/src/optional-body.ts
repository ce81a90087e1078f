import { DomainError } from "@authpi/domain/errors";
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./env.ts";
import { validationError } from "./errors.ts";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DomainError("INVALID_REQUEST", "The body is not valid JSON");
  }
}

/**
 * The JSON body of an action whose body the SDKs may leave out (`revoke`, `block`): an empty
 * body is `{}`, anything else must parse and match `schema` (422 naming the field otherwise).
 */
export async function optionalJsonBody<T extends z.ZodType>(
  c: Context<AppEnv>,
  schema: T,
): Promise<z.output<T>> {
  const text = await c.req.text();
  const parsed = schema.safeParse(text.trim() ? parseJson(text) : {});
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}
