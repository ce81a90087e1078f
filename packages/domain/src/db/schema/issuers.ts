import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { JWK } from "jose";
import type { IssuerSettings } from "../../values/issuer-settings.ts";
import { json, type Metadata, ms, timestamps } from "./columns.ts";

export const issuers = sqliteTable(
  "issuers",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    name: text("name"),
    description: text("description"),
    links: json<Record<string, string | null>>("links"),
    availableScopes: json<string[]>("available_scopes").notNull().default([]),
    status: text("status").notNull().default("active"),
    statusAt: ms("status_at"),
    settings: json<IssuerSettings>("settings").notNull(),
    metadata: json<Metadata>("metadata").notNull().default({}),
    ...timestamps,
  },
  (t) => [index("issuers_account_idx").on(t.accountId, t.id)],
);

/**
 * Signing keys: one set per deployment (AuthPI shares keys across issuers), plus the keys an
 * issuer's own rotation made (`issuer_id`), which only that issuer publishes and signs with.
 */
export const signingKeys = sqliteTable(
  "signing_keys",
  {
    kid: text("kid").primaryKey(),
    alg: text("alg").notNull(),
    /** Rotation period the key was made for (`YYYY-MM`); unique per alg so racing isolates agree. */
    generation: text("generation").notNull(),
    publicJwk: json<JWK>("public_jwk").notNull(),
    /** The private JWK, AES-GCM sealed with a key derived from a wrangler secret. */
    privateJwkSealed: text("private_jwk_sealed").notNull(),
    createdAt: ms("created_at").notNull(),
    /** Null: a deployment key. Otherwise the issuer whose rotation made it. */
    issuerId: text("issuer_id"),
    /** When it starts signing (published before: docs/decisions/protocol.md §3); null: at creation. */
    activatesAt: ms("activates_at"),
  },
  (t) => [uniqueIndex("signing_keys_alg_generation_idx").on(t.alg, t.generation)],
);
