import type { clients } from "../db/schema.ts";
import { type ClientType, defaultGrantTypes, isConfidential } from "./client-settings.ts";

export type ClientRow = typeof clients.$inferSelect;

/** The grant types a client may use, with its type's defaults filled in. */
export function clientGrantTypes(row: Pick<ClientRow, "type" | "settings">): string[] {
  return row.settings.grant_types ?? defaultGrantTypes(row.type as ClientType);
}

/** The client in AuthPI's wire shape (`authpi-admin` model `Client`); never the secret. */
export function clientToWire(row: ClientRow) {
  return {
    id: row.id,
    issuer_id: row.issuerId,
    status: row.status,
    type: row.type,
    confidential: isConfidential(row.type),
    secret_rotated_at: row.secretRotatedAt,
    name: row.name,
    description: row.description,
    logo_url: row.logoUrl,
    settings: { ...row.settings, grant_types: clientGrantTypes(row) },
    status_at: row.statusAt,
    metadata: row.metadata,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/** A client as lists show it (`ClientListItem`): the summary fields, not the full settings. */
export function clientToListItem(row: ClientRow) {
  const { settings: _settings, metadata: _metadata, ...rest } = clientToWire(row);
  return {
    ...rest,
    scopes: row.settings.scopes,
    protocol: "oidc",
    application_type: row.type,
    grant_types: clientGrantTypes(row),
    redirect_uri_count: row.settings.redirect_uris.length,
    configuration_indexed: true,
  };
}
