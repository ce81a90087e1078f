import { type Column, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";

/** `true` or `false` in a query string. */
export const BoolParam = z.enum(["true", "false"]).transform((v) => v === "true");

/** A free-text `q`: matches names containing it (case-insensitive) or the exact id. */
export const SearchParam = z.string().trim().min(1).max(200);

/** SQLite LIKE is case-insensitive for ASCII; `%` and `_` in the needle match literally. */
export function containsText(column: Column, needle: string): SQL {
  const escaped = needle.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  return sql`${column} LIKE ${`%${escaped}%`} ESCAPE '\\'`;
}

/** The `q` condition: the name contains it, or the id is it. */
export function searchCondition(name: Column, id: Column, q: string): SQL | undefined {
  return or(containsText(name, q), sql`${id} = ${q}`);
}

/** A JSON boolean at `path` in a settings column, absent counting as `fallback`. */
export function jsonFlag(column: Column, path: string, value: boolean, fallback: boolean): SQL {
  const wanted = value ? 1 : 0;
  return sql`coalesce(json_extract(${column}, ${path}), ${fallback ? 1 : 0}) = ${wanted}`;
}

/** True when the JSON array in `column` holds `value`. */
export function jsonArrayHas(column: Column, value: string): SQL {
  return sql`exists (select 1 from json_each(${column}) where json_each.value = ${value})`;
}
