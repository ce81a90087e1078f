import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { json, ms } from "./columns.ts";

/** What a user allowed a third-party client: one row per (issuer, user, client), scopes unioned. */
export const consents = sqliteTable(
  "consents",
  {
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    userId: text("user_id").notNull(),
    clientId: text("client_id").notNull(),
    scopes: json<string[]>("scopes").notNull(),
    grantedAt: ms("granted_at").notNull(),
    updatedAt: ms("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.issuerId, t.userId, t.clientId] }),
    index("consents_client_idx").on(t.issuerId, t.clientId),
  ],
);
