import type { PersonalTokenRecord } from "./personal-token-store.ts";

/**
 * A personal token in authpi-admin's `PersonalToken` shape, with the flat `scopes` of
 * `UserTokensListItem`; never the token itself. `expired` is derived from `expires_at`.
 */
export function personalTokenToWire(record: PersonalTokenRecord, issuerId: string, now: number) {
  const expired = record.status === "active" && record.expiresAt <= now;
  return {
    id: record.id,
    type: "personal_token" as const,
    user_id: record.userId,
    issuer_id: issuerId,
    name: record.name,
    description: record.description,
    tags: record.tags,
    scopes: record.scopes,
    restrictions: { scopes: record.scopes, ip_addresses: record.ipAddresses },
    audience: record.audience,
    jti: record.jti,
    status: expired ? ("expired" as const) : record.status,
    status_at: expired ? record.expiresAt : record.statusAt,
    status_reason: record.statusReason,
    status_by: record.statusBy,
    expires_at: record.expiresAt,
    metadata: record.metadata,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

export type PersonalTokenWire = ReturnType<typeof personalTokenToWire>;
