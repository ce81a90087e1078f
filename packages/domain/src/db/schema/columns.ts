import { integer, text } from "drizzle-orm/sqlite-core";

/** Unix milliseconds, as every Core API timestamp (docs/decisions/wire-contract.md §1). */
export const ms = (name: string) => integer(name);

/** A JSON column with a typed value. */
export const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();

export type Metadata = Record<string, unknown>;

/** Columns every Core API resource has. */
export const timestamps = {
  createdAt: ms("created_at").notNull(),
  updatedAt: ms("updated_at"),
};

/** The status trail AuthPI resources carry (`status_at`, `status_reason`, `status_by`). */
export const statusTrail = {
  statusAt: ms("status_at"),
  statusReason: text("status_reason"),
  statusBy: text("status_by"),
};
