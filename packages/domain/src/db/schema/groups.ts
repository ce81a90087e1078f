import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { json, type Metadata, timestamps } from "./columns.ts";

/** Named sets of scopes inside an organization. */
export const organizationGroups = sqliteTable(
  "organization_groups",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    orgId: text("org_id").notNull(),
    name: text("name").notNull(),
    description: text("description"),
    scopes: json<string[]>("scopes").notNull().default([]),
    metadata: json<Metadata>("metadata").notNull().default({}),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("organization_groups_name_idx").on(t.orgId, t.name),
    index("organization_groups_issuer_idx").on(t.issuerId),
  ],
);
