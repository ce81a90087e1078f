import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ms } from "./columns.ts";

/** Devices a user's MFA may skip on until they expire; the device token is kept as SHA-256 only. */
export const trustedDevices = sqliteTable(
  "trusted_devices",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    userId: text("user_id").notNull(),
    /** SHA-256 (hex) of the device token; the token itself is never stored. */
    tokenHash: text("token_hash").notNull(),
    name: text("name"),
    userAgent: text("user_agent"),
    trustedAt: ms("trusted_at").notNull(),
    expiresAt: ms("expires_at").notNull(),
    lastUsedAt: ms("last_used_at"),
  },
  (t) => [
    uniqueIndex("trusted_devices_user_token_idx").on(t.userId, t.tokenHash),
    index("trusted_devices_issuer_idx").on(t.issuerId),
  ],
);
