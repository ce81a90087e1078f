import { and, desc, eq, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { creditLedger, events } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { buildEventRow, type MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import { type ListQuery, type Page, toPage } from "../pagination.ts";
import { type CreditEntryRow, creditEntryToWire } from "./credit-wire.ts";

/** One top-up records at most a million USD (in micro-USD), so sums stay exact integers. */
const MAX_TOPUP_MICRO_USD = 1_000_000 * 1_000_000;

/**
 * A top-up the operator records after being paid outside AuthPI Edge (self-hosted has no payment
 * provider): the amount in micro-USD and the payment's own reference, which makes it idempotent.
 */
export const TopupInput = z.strictObject({
  amount_μusd: z.number().int().min(1).max(MAX_TOPUP_MICRO_USD),
  payment_reference: z.string().trim().min(1).max(200),
  reference: z.string().trim().max(500).nullish(),
});
export type TopupInput = z.output<typeof TopupInput>;

export interface TopupResult {
  entry: CreditEntryRow;
  duplicate: boolean;
  /** The account's balance after the call, in micro-USD. */
  balance: number;
}

function findByReference(db: Db, accountId: string, paymentReference: string) {
  return db.query.creditLedger.findFirst({
    where: and(
      eq(creditLedger.accountId, accountId),
      eq(creditLedger.externalReference, paymentReference),
    ),
  });
}

/** The balance now: the running total of the newest entry (0 with none). */
export async function creditBalance(db: Db, accountId: string): Promise<number> {
  const last = await db.query.creditLedger.findFirst({
    where: eq(creditLedger.accountId, accountId),
    orderBy: desc(creditLedger.id),
  });
  return last?.balanceAfterMicroUsd ?? 0;
}

async function duplicateOf(db: Db, entry: CreditEntryRow, input: TopupInput): Promise<TopupResult> {
  if (entry.amountMicroUsd !== input.amount_μusd) {
    throw new DomainError(
      "CONFLICT",
      "This payment_reference was recorded with a different amount",
    );
  }
  return { entry, duplicate: true, balance: await creditBalance(db, entry.accountId) };
}

/**
 * Records a top-up; the same `payment_reference` again is a duplicate (same amount) or a 409.
 * The running balance is computed inside the insert, so concurrent top-ups add up.
 */
export async function recordTopup(
  db: Db,
  ctx: MutationContext,
  input: TopupInput,
): Promise<TopupResult> {
  const existing = await findByReference(db, ctx.accountId, input.payment_reference);
  if (existing) return duplicateOf(db, existing, input);
  const id = newId("creditEntry", ctx.now);
  const balance = sql<number>`(select coalesce(sum(${creditLedger.amountMicroUsd}), 0) from ${creditLedger} where ${creditLedger.accountId} = ${ctx.accountId}) + ${input.amount_μusd}`;
  try {
    await db.batch([
      db.insert(creditLedger).values({
        id,
        accountId: ctx.accountId,
        type: "topup",
        amountMicroUsd: input.amount_μusd,
        balanceAfterMicroUsd: balance,
        operation: "manual_topup",
        reference: input.reference ?? null,
        externalReference: input.payment_reference,
        recordedBy: ctx.actor.id,
        createdAt: ctx.now,
      }),
      db.insert(events).values(
        buildEventRow(ctx, {
          type: "account.credits.updated",
          subject: { type: "account", id: ctx.accountId },
          data: { entry_id: id, amount_μusd: input.amount_μusd, type: "topup" },
        }),
      ),
    ]);
  } catch (error) {
    // A concurrent top-up with the same reference won the unique index.
    const raced = await findByReference(db, ctx.accountId, input.payment_reference);
    if (raced) return duplicateOf(db, raced, input);
    throw error;
  }
  const entry = (await findByReference(
    db,
    ctx.accountId,
    input.payment_reference,
  )) as CreditEntryRow;
  return { entry, duplicate: false, balance: await creditBalance(db, ctx.accountId) };
}

/** The ledger, newest entry first. */
export async function listLedger(
  db: Db,
  accountId: string,
  query: ListQuery,
): Promise<Page<ReturnType<typeof creditEntryToWire>>> {
  const rows = await db
    .select()
    .from(creditLedger)
    .where(
      and(
        eq(creditLedger.accountId, accountId),
        query.cursor ? lt(creditLedger.id, query.cursor) : undefined,
      ),
    )
    .orderBy(desc(creditLedger.id))
    .limit(query.limit + 1);
  return toPage(rows, query.limit, (row) => row.id, creditEntryToWire);
}
