import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { SsoConfig } from "../../values/sso-config.ts";
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
    /** Enterprise SSO: on/off and SSO-only (password sign-in off) are columns so lists filter on them. */
    ssoEnabled: integer("sso_enabled", { mode: "boolean" }).notNull().default(false),
    ssoOnly: integer("sso_only", { mode: "boolean" }).notNull().default(false),
    /** The SSO connection without its secret (protocol, OIDC issuer, client id, scopes). */
    sso: json<SsoConfig>("sso").notNull().default({}),
    /** The connection's client secret, AES-GCM sealed; never returned. */
    ssoClientSecretSealed: text("sso_client_secret_sealed"),
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

/** Invitations to join an organization; the accept token is kept hashed and sealed, never plain. */
export const invitations = sqliteTable(
  "invitations",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    issuerId: text("issuer_id").notNull(),
    orgId: text("org_id").notNull(),
    /** `pending` | `accepted` | `declined` | `revoked` (`expired` is derived from `expires_at`). */
    status: text("status").notNull().default("pending"),
    emailInvited: text("email_invited").notNull(),
    userIdInvited: text("user_id_invited"),
    userTitle: text("user_title"),
    message: text("message"),
    scopes: json<string[]>("scopes").notNull().default([]),
    inviter: json<{ id?: string | null; name?: string | null }>("inviter"),
    /** SHA-256 of the accept token, to find the invitation when the link is followed. */
    tokenHash: text("token_hash").notNull(),
    /** The accept token sealed (AES-GCM) so the mailer can put it in the link. */
    tokenSealed: text("token_sealed").notNull(),
    expiresAt: ms("expires_at").notNull(),
    /** The life an invitation (and each resend) gets, in seconds. */
    ttlSeconds: integer("ttl_seconds").notNull(),
    acceptedAt: ms("accepted_at"),
    declinedAt: ms("declined_at"),
    revokedAt: ms("revoked_at"),
    lastEmailSentAt: ms("last_email_sent_at"),
    /** The event whose email went out last, so a redelivered event sends no second email. */
    lastEmailEventId: text("last_email_event_id"),
    metadata: json<Metadata>("metadata").notNull().default({}),
    ...timestamps,
  },
  (t) => [
    index("invitations_org_idx").on(t.orgId, t.id),
    uniqueIndex("invitations_token_idx").on(t.tokenHash),
  ],
);
