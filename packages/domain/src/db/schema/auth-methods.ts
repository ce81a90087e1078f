import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { AuthMethodType } from "../../values/auth-method-types.ts";
import { json, timestamps } from "./columns.ts";

/** How users of an issuer may sign in (AuthPI's issuer auth methods). */
export const authMethods = sqliteTable(
  "auth_methods",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    name: text("name").notNull(),
    method: text("method").$type<AuthMethodType>().notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull(),
    firstFactorOnly: integer("first_factor_only", { mode: "boolean" }).notNull().default(false),
    /** Method settings without secrets. */
    settings: json<Record<string, unknown>>("settings").notNull().default({}),
    /** An oauth2 client secret, AES-GCM sealed; never returned. */
    clientSecretSealed: text("client_secret_sealed"),
    ...timestamps,
  },
  (t) => [index("auth_methods_issuer_idx").on(t.issuerId, t.id)],
);
