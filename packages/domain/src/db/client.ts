import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import * as schema from "./schema.ts";

export type Db = DrizzleD1Database<typeof schema>;

// Building a drizzle database walks the whole schema (its relational config); a binding is
// reused by every request of an isolate, so its wrapper is built once (it holds no request state).
const wrapped = new WeakMap<D1Database, Db>();

/** Wraps a D1 binding; the worker passes `env.DB`, domain code never reads `env`. */
export function createDb(d1: D1Database): Db {
  let db = wrapped.get(d1);
  if (!db) {
    db = drizzle(d1, { schema });
    wrapped.set(d1, db);
  }
  return db;
}

export { schema };
