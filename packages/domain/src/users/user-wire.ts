import { sha256Hex } from "../crypto/hash.ts";
import type { users } from "../db/schema.ts";

export type UserRow = typeof users.$inferSelect;

/** The user in AuthPI's wire shape (`authpi-admin` model `User`); never a credential. */
export function userToWire(row: UserRow) {
  return {
    id: row.id,
    issuer_id: row.issuerId,
    status: row.status,
    status_at: row.statusAt,
    status_reason: row.statusReason,
    status_by: row.statusBy,
    username_type: row.usernameType,
    username: row.username,
    profile: row.profile,
    scopes: row.scopes,
    custom_fields: row.customFields,
    custom_claims: row.customClaims,
    metadata: row.metadata,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/**
 * A user as lists show it (`IssuerUsersListItem`): the username only as its SHA-256, so a
 * page of users exposes no addresses; `GET …/users/{id}` returns the real one.
 */
export async function userToListItem(row: UserRow) {
  return {
    id: row.id,
    user_id: row.id,
    issuer_id: row.issuerId,
    username_hash: await sha256Hex(row.username),
    username_type: row.usernameType,
    status: row.status,
    status_at: row.statusAt,
    store_id: "d1",
    region: null,
    created_at: row.createdAt,
    updated_at: row.updatedAt ?? row.createdAt,
  };
}

/** Usernames are compared normalised: trimmed, and lowercased for emails. */
export function normalizeUsername(usernameType: string, username: string): string {
  const trimmed = username.trim().normalize("NFKC");
  return usernameType === "email" ? trimmed.toLowerCase() : trimmed;
}
