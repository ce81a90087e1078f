import type { creditLedger } from "../db/schema.ts";

export type CreditEntryRow = typeof creditLedger.$inferSelect;

/** A ledger entry in the `authpi-admin` `CreditLedgerEntry` shape (amounts in micro-USD). */
export function creditEntryToWire(row: CreditEntryRow) {
  return {
    id: row.id,
    type: row.type,
    amount_μusd: row.amountMicroUsd,
    balance_after_μusd: row.balanceAfterMicroUsd,
    operation: row.operation,
    reference: row.reference,
    related_entry_id: null,
    expires_at: null,
    created_at: row.createdAt,
    dimension: null,
    config_version: null,
    external_reference: row.externalReference,
    settled_total_μusd: null,
    recorded_by: row.recordedBy,
  };
}
