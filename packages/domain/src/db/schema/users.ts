import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { json, type Metadata, ms, statusTrail, timestamps } from "./columns.ts";

export interface UserProfile {
  first_name?: string | null;
  last_name?: string | null;
  name?: string | null;
  picture?: string | null;
  locale?: string | null;
  email?: string | null;
  email_verified?: boolean | null;
  phone_number?: string | null;
  phone_number_verified?: boolean | null;
  address?: Record<string, string> | null;
  [key: string]: unknown;
}

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    /** `email` | `unique-name` | `phone` */
    usernameType: text("username_type").notNull(),
    /** Normalised (emails lowercased) so lookups at login are exact. */
    username: text("username").notNull(),
    profile: json<UserProfile>("profile").notNull().default({}),
    scopes: json<string[]>("scopes").notNull().default([]),
    customFields: json<Record<string, unknown>>("custom_fields").notNull().default({}),
    /** Extra claims merged into ID tokens and userinfo. */
    customClaims: json<Record<string, unknown>>("custom_claims").notNull().default({}),
    metadata: json<Metadata>("metadata").notNull().default({}),
    status: text("status").notNull().default("active"),
    ...statusTrail,
    ...timestamps,
  },
  (t) => [
    uniqueIndex("users_issuer_username_idx").on(t.issuerId, t.username),
    index("users_issuer_idx").on(t.issuerId, t.id),
  ],
);

/** A user's credentials ("verifiers" in AuthPI): passwords now, passkeys and TOTP later. */
export const userVerifiers = sqliteTable(
  "user_verifiers",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    type: text("type").notNull(),
    name: text("name"),
    status: text("status").notNull().default("active"),
    /** Passwords: an Argon2id PHC string (legacy: PBKDF2), parameters stored with the hash. */
    secretHash: text("secret_hash"),
    credential: json<Record<string, unknown>>("credential"),
    usageCount: integer("usage_count").notNull().default(0),
    lastUsedAt: ms("last_used_at"),
    ...timestamps,
  },
  (t) => [index("user_verifiers_user_idx").on(t.userId, t.type)],
);
