import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ms } from "./columns.ts";

/**
 * Initial access tokens for dynamic client registration (RFC 7591 §3): the token is kept as
 * SHA-256 only; `uses` counts registrations up to `max_uses` (null: no limit).
 */
export const registrationTokens = sqliteTable(
  "registration_tokens",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    /** SHA-256 (hex) of the token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    tokenHint: text("token_hint").notNull(),
    description: text("description"),
    maxUses: integer("max_uses"),
    uses: integer("uses").notNull().default(0),
    expiresAt: ms("expires_at"),
    lastUsedAt: ms("last_used_at"),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("registration_tokens_hash_idx").on(t.tokenHash),
    index("registration_tokens_issuer_idx").on(t.issuerId, t.id),
  ],
);

/**
 * The registration access token of a dynamically registered client (RFC 7592 §1), kept as
 * SHA-256 only: with it the client reads or deletes its own registration.
 */
export const clientRegistrations = sqliteTable("client_registrations", {
  clientId: text("client_id").primaryKey(),
  issuerId: text("issuer_id").notNull(),
  accessTokenHash: text("access_token_hash").notNull(),
  createdAt: ms("created_at").notNull(),
});
