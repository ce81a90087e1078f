import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "./schema.ts";

export type Db = DrizzleD1Database<typeof schema>;

/** Wraps a D1 binding; the worker passes `env.DB`, domain code never reads `env`. */
export function createDb(d1: D1Database): Db {
  return drizzle(d1, { schema });
}

export { schema };
