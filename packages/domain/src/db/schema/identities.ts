import { index, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { json, ms } from "./columns.ts";

/**
 * A user's linked upstream identities (issue 17): who an upstream connection (an `oauth2` auth
 * method, or an organization's SSO) says signed in. One subject of one connection is one user.
 */
export const userIdentities = sqliteTable(
  "user_identities",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    userId: text("user_id").notNull(),
    /** The connection id: an auth method id (`am_…`) or an organization id (`org_…`). */
    connectionId: text("connection_id").notNull(),
    provider: text("provider").notNull(),
    /** The upstream's issuer (the ID token's `iss`, or GitHub's API origin). */
    upstreamIssuer: text("upstream_issuer").notNull(),
    subject: text("subject").notNull(),
    email: text("email"),
    profile: json<Record<string, unknown>>("profile").notNull().default({}),
    createdAt: ms("created_at").notNull(),
    lastUsedAt: ms("last_used_at"),
  },
  (t) => [
    uniqueIndex("user_identities_connection_subject_idx").on(t.issuerId, t.connectionId, t.subject),
    index("user_identities_user_idx").on(t.issuerId, t.userId),
  ],
);
