import { z } from "zod";

/** `limit` (1–100, default 50) and `cursor` (the last id of the previous page). */
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(200).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_cursor: string | null;
}

/**
 * Shapes a page from rows fetched with `limit + 1`; the extra row only says there is more.
 * `idOf` names the cursor of a row (its id).
 */
export function toPage<R, T>(
  rows: R[],
  limit: number,
  idOf: (row: R) => string,
  wire: (row: R) => T,
): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(wire),
    has_more: hasMore,
    next_cursor: hasMore && last ? idOf(last) : null,
  };
}
