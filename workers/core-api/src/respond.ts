import { etagOf } from "@authpi/domain/etag";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

type Versioned = { createdAt: number; updatedAt: number | null };

/** `{data}` for one resource, with its version as the ETag a later `If-Match` sends back (RFC 9110 §8.8.3). */
export function withEtag<T, S extends ContentfulStatusCode>(
  c: Context,
  row: Versioned,
  data: T,
  status: S,
) {
  c.header("ETag", etagOf(row));
  return c.json({ data }, status);
}
