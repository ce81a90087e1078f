import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { ms } from "./columns.ts";

/** The account's credit ledger: append-only entries in micro-USD (1 USD = 1,000,000 μUSD). */
export const creditLedger = sqliteTable(
  "credit_ledger",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    /** `topup` for now; usage entries come with metering. */
    type: text("type").notNull(),
    amountMicroUsd: integer("amount_musd").notNull(),
    balanceAfterMicroUsd: integer("balance_after_musd").notNull(),
    operation: text("operation"),
    reference: text("reference"),
    /** The payment's own reference (receipt, invoice, transfer id): one entry per reference. */
    externalReference: text("external_reference"),
    recordedBy: text("recorded_by"),
    createdAt: ms("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("credit_ledger_external_idx").on(t.accountId, t.externalReference),
    uniqueIndex("credit_ledger_account_idx").on(t.accountId, t.id),
  ],
);
