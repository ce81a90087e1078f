import type { organizationGroups } from "../db/schema.ts";

export type GroupRow = typeof organizationGroups.$inferSelect;

/** A group in the `authpi-admin` `Group` shape. */
export function groupToWire(row: GroupRow) {
  return {
    id: row.id,
    org_id: row.orgId,
    issuer_id: row.issuerId,
    name: row.name,
    description: row.description,
    scopes: row.scopes,
    metadata: row.metadata,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}
