import { index, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ms } from "./columns.ts";

/**
 * Email domains an organization claims for SSO. A claim names one of the account's domains and
 * is verified when that domain is; one organization per domain in an issuer.
 */
export const organizationSsoDomains = sqliteTable(
  "organization_sso_domains",
  {
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    orgId: text("org_id").notNull(),
    host: text("host").notNull(),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.host] }),
    uniqueIndex("organization_sso_domains_issuer_host_idx").on(t.issuerId, t.host),
    index("organization_sso_domains_account_host_idx").on(t.accountId, t.host),
  ],
);
