import type { authMethods } from "../db/schema.ts";
import { APPLE_KEY_SEALED, appleKeySealed } from "./method-settings.ts";

export type AuthMethodRow = typeof authMethods.$inferSelect;

/** An auth method as AuthPI shows it (legacy `Auth Method` shape); a secret or key never. */
export function authMethodToWire(row: AuthMethodRow) {
  const { [APPLE_KEY_SEALED]: _sealed, ...settings } = row.settings;
  return {
    id: row.id,
    issuer_id: row.issuerId,
    name: row.name,
    method: row.method,
    enabled: row.enabled,
    first_factor_only: row.firstFactorOnly,
    settings,
    client_secret_set: row.clientSecretSealed !== null,
    apple_private_key_set: appleKeySealed(row) !== null,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}
