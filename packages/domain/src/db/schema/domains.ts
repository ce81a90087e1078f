import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ms, timestamps } from "./columns.ts";

/** Custom domains of an account, proven by a DNS TXT record (docs/decisions/sdk-resources.md). */
export const accountDomains = sqliteTable(
  "account_domains",
  {
    accountId: text("account_id").notNull(),
    /** Lowercased ASCII host name, e.g. `auth.example.com`. */
    host: text("host").notNull(),
    /** The value the TXT record must hold; not a secret, it only ties the record to this row. */
    verificationToken: text("verification_token").notNull(),
    verifiedAt: ms("verified_at"),
    lastCheckedAt: ms("last_checked_at"),
    assignedIssuerId: text("assigned_issuer_id"),
    assignedAt: ms("assigned_at"),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.host] }),
    index("account_domains_host_idx").on(t.host),
    index("account_domains_issuer_idx").on(t.assignedIssuerId),
  ],
);
