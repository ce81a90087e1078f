import { index, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { ClientSettings } from "../../values/client-settings.ts";
import { json, type Metadata, ms, timestamps } from "./columns.ts";

export const clients = sqliteTable(
  "clients",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    /** `web` | `spa` | `native` | `m2m` (docs/decisions/wire-contract.md §3). */
    type: text("type").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    logoUrl: text("logo_url"),
    status: text("status").notNull().default("active"),
    statusAt: ms("status_at"),
    settings: json<ClientSettings>("settings").notNull(),
    secretHash: text("secret_hash"),
    secretHint: text("secret_hint"),
    secretRotatedAt: ms("secret_rotated_at"),
    previousSecretHash: text("previous_secret_hash"),
    previousSecretExpiresAt: ms("previous_secret_expires_at"),
    metadata: json<Metadata>("metadata").notNull().default({}),
    ...timestamps,
  },
  (t) => [index("clients_issuer_idx").on(t.issuerId, t.id)],
);
