import type { issuers } from "../db/schema.ts";

export type IssuerRow = typeof issuers.$inferSelect;

/** The issuer in AuthPI's wire shape (`authpi-admin` model `Issuer`). */
export function issuerToWire(row: IssuerRow) {
  return {
    id: row.id,
    account_id: row.accountId,
    name: row.name,
    description: row.description,
    links: row.links ?? null,
    available_scopes: row.availableScopes,
    status: row.status,
    status_at: row.statusAt,
    settings: row.settings,
    metadata: row.metadata,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

/** The issuer URL (`iss`): `{IDP_BASE_URL}/{issuer_id}` (docs/decisions/wire-contract.md §3). */
export function issuerUrl(idpBaseUrl: string, issuerId: string): string {
  return `${idpBaseUrl.replace(/\/+$/, "")}/${issuerId}`;
}
