import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { json, type Metadata, ms, statusTrail, timestamps } from "./columns.ts";

/** Non-human identities of an issuer (docs/decisions/wire-contract.md §3). */
export const agents = sqliteTable(
  "agents",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    model: text("model"),
    provider: text("provider"),
    version: text("version"),
    /** `active` | `suspended` | `blocked` */
    status: text("status").notNull().default("active"),
    ...statusTrail,
    /** The ceiling for what the agent's tokens may carry. */
    scopes: json<string[]>("scopes").notNull().default([]),
    metadata: json<Metadata>("metadata").notNull().default({}),
    ...timestamps,
  },
  (t) => [index("agents_issuer_idx").on(t.issuerId, t.id)],
);

/** An agent's credentials: `secret` (SHA-256 at rest) or `wallet` (a CAIP-10 account). */
export const agentVerifiers = sqliteTable(
  "agent_verifiers",
  {
    id: text("id").primaryKey(),
    agentId: text("agent_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    type: text("type").notNull(),
    status: text("status").notNull().default("active"),
    name: text("name"),
    description: text("description"),
    secretHash: text("secret_hash"),
    /** Public facts only: the secret's hint, or the wallet's chain and address. */
    credential: json<Record<string, unknown>>("credential").notNull().default({}),
    usageCount: integer("usage_count").notNull().default(0),
    lastUsedAt: ms("last_used_at"),
    ...timestamps,
  },
  (t) => [index("agent_verifiers_agent_idx").on(t.agentId, t.id)],
);
