import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { json, type Metadata, ms, statusTrail, timestamps } from "./columns.ts";

export const organizations = sqliteTable(
  "organizations",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    name: text("name"),
    description: text("description"),
    logoUrl: text("logo_url"),
    orgType: text("org_type").notNull().default("default"),
    status: text("status").notNull().default("active"),
    ...statusTrail,
    /** max_members, invitation, security (enforce_2fa), default_member_scopes ... */
    settings: json<Record<string, unknown>>("settings").notNull().default({}),
    profile: json<Record<string, unknown>>("profile").notNull().default({}),
    customFields: json<Record<string, unknown>>("custom_fields").notNull().default({}),
    metadata: json<Metadata>("metadata").notNull().default({}),
    ...timestamps,
  },
  (t) => [index("organizations_issuer_idx").on(t.issuerId, t.id)],
);

export const memberships = sqliteTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    issuerId: text("issuer_id").notNull(),
    orgId: text("org_id").notNull(),
    /** `user` | `agent` */
    memberType: text("member_type").notNull(),
    memberId: text("member_id").notNull(),
    scopes: json<string[]>("scopes").notNull().default([]),
    userTitle: text("user_title"),
    status: text("status").notNull().default("active"),
    metadata: json<Metadata>("metadata").notNull().default({}),
    joinedAt: ms("joined_at").notNull(),
    updatedAt: ms("updated_at"),
  },
  (t) => [
    uniqueIndex("memberships_org_member_idx").on(t.orgId, t.memberId),
    index("memberships_member_idx").on(t.memberId),
  ],
);
