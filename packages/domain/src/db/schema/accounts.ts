import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { json, type Metadata, ms, statusTrail, timestamps } from "./columns.ts";

export const accounts = sqliteTable("accounts", {
  id: text("id").primaryKey(),
  /** The account's own organization, as AuthPI models accounts (docs/decisions/wire-contract.md §2). */
  orgId: text("org_id").notNull(),
  name: text("name"),
  description: text("description"),
  logoUrl: text("logo_url"),
  ownerUserId: text("owner_user_id"),
  metadata: json<Metadata>("metadata").notNull().default({}),
  ...timestamps,
});

export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    orgId: text("org_id").notNull(),
    /** Set for organization-level keys minted in an issuer's organization. */
    issuerId: text("issuer_id"),
    type: text("type").notNull().default("api_key"),
    name: text("name").notNull(),
    description: text("description"),
    tags: json<string[]>("tags").notNull().default([]),
    scopes: json<string[]>("scopes").notNull().default([]),
    ipAllowlist: json<string[]>("ip_allowlist"),
    status: text("status").notNull().default("active"),
    ...statusTrail,
    secretHash: text("secret_hash").notNull(),
    secretHint: text("secret_hint").notNull(),
    /** The replaced secret stays valid until `previous_secret_expires_at` after a rotation. */
    previousSecretHash: text("previous_secret_hash"),
    previousSecretExpiresAt: ms("previous_secret_expires_at"),
    lastRotatedAt: ms("last_rotated_at"),
    expiresAt: ms("expires_at"),
    lastUsedAt: ms("last_used_at"),
    metadata: json<Metadata>("metadata").notNull().default({}),
    ...timestamps,
  },
  (t) => [index("api_keys_account_idx").on(t.accountId, t.id)],
);

export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    accountId: text("account_id").notNull(),
    key: text("key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    state: text("state").notNull(),
    responseStatus: ms("response_status"),
    responseBody: text("response_body"),
    createdAt: ms("created_at").notNull(),
    expiresAt: ms("expires_at").notNull(),
  },
  (t) => [uniqueIndex("idempotency_keys_pk").on(t.accountId, t.key)],
);
