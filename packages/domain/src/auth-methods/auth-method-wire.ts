import type { authMethods } from "../db/schema.ts";

export type AuthMethodRow = typeof authMethods.$inferSelect;

/** An auth method as AuthPI shows it (legacy `Auth Method` shape); a client secret never. */
export function authMethodToWire(row: AuthMethodRow) {
  return {
    id: row.id,
    issuer_id: row.issuerId,
    name: row.name,
    method: row.method,
    enabled: row.enabled,
    first_factor_only: row.firstFactorOnly,
    settings: row.settings,
    client_secret_set: row.clientSecretSealed !== null,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}
