import { env } from "cloudflare:workers";
import { creditLedger, events } from "@authpi/domain/db";
import { seedAccount } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Topup = {
  balance_μusd: number;
  entry_id: string;
  duplicate: boolean;
  payment_reference: string;
};
type Entry = {
  id: string;
  type: string;
  amount_μusd: number;
  balance_after_μusd: number;
  external_reference: string;
};

describe("credits", () => {
  it("records top-ups with a running balance, lists the ledger newest first, and is idempotent by reference", async () => {
    const s = await seedAccount(DB);
    const base = `/v1/accounts/${s.accountId}/credits`;
    const first = await apiCall("POST", `${base}/topups`, s.basicAuth, {
      amount_μusd: 5_000_000,
      payment_reference: "INV-2026-001",
      reference: "wire transfer",
    });
    expect(first.status).toBe(201);
    expect(await dataOf<Topup>(first)).toMatchObject({
      balance_μusd: 5_000_000,
      entry_id: expect.stringMatching(/^cle_/),
      duplicate: false,
      payment_reference: "INV-2026-001",
    });
    const second = await dataOf<Topup>(
      await apiCall("POST", `${base}/topups`, s.basicAuth, {
        amount_μusd: 250_000,
        payment_reference: "INV-2026-002",
      }),
    );
    expect(second.balance_μusd).toBe(5_250_000);
    const again = await apiCall("POST", `${base}/topups`, s.basicAuth, {
      amount_μusd: 5_000_000,
      payment_reference: "INV-2026-001",
    });
    expect(again.status).toBe(200);
    expect(await dataOf<Topup>(again)).toMatchObject({ duplicate: true, balance_μusd: 5_250_000 });
    const mismatch = await apiCall("POST", `${base}/topups`, s.basicAuth, {
      amount_μusd: 1,
      payment_reference: "INV-2026-001",
    });
    expect(mismatch.status).toBe(409);

    const ledger = (await (await apiCall("GET", `${base}/ledger?limit=1`, s.basicAuth)).json()) as {
      data: Entry[];
      has_more: boolean;
      next_cursor: string;
    };
    expect(ledger.data[0]).toMatchObject({
      id: second.entry_id,
      type: "topup",
      amount_μusd: 250_000,
      balance_after_μusd: 5_250_000,
      external_reference: "INV-2026-002",
    });
    const older = await dataOf<Entry[]>(
      await apiCall("GET", `${base}/ledger?cursor=${ledger.next_cursor}`, s.basicAuth),
    );
    expect(older.map((e) => e.balance_after_μusd)).toEqual([5_000_000]);
    const recorded = await s.db
      .select({ type: events.type })
      .from(events)
      .where(and(eq(events.accountId, s.accountId), eq(events.type, "account.credits.updated")));
    expect(recorded).toHaveLength(2);
  });

  it("adds up concurrent top-ups and records a reference once however often it races", async () => {
    const s = await seedAccount(DB);
    const url = `/v1/accounts/${s.accountId}/credits/topups`;
    const results = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) =>
        apiCall("POST", url, s.basicAuth, {
          amount_μusd: 100 * (i + 1),
          payment_reference: `P${i}`,
        }),
      ),
      ...Array.from({ length: 3 }, () =>
        apiCall("POST", url, s.basicAuth, { amount_μusd: 7, payment_reference: "SAME" }),
      ),
    ]);
    expect(results.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    const rows = await s.db
      .select()
      .from(creditLedger)
      .where(eq(creditLedger.accountId, s.accountId));
    expect(rows).toHaveLength(6);
    const afters = rows.map((r) => r.balanceAfterMicroUsd).sort((a, b) => a - b);
    expect(afters.at(-1)).toBe(1507);
    expect(new Set(afters).size).toBe(6);
  });

  it("refuses bad top-ups and keeps ledgers per account", async () => {
    const s = await seedAccount(DB);
    const other = await seedAccount(DB);
    const url = `/v1/accounts/${s.accountId}/credits/topups`;
    for (const body of [
      { amount_μusd: 0, payment_reference: "x" },
      { amount_μusd: -5, payment_reference: "x" },
      { amount_μusd: 1.5, payment_reference: "x" },
      { amount_μusd: 10 },
      { amount_μusd: 10, payment_reference: "x", currency: "EUR" },
      {},
    ]) {
      expect((await apiCall("POST", url, s.basicAuth, body)).status, JSON.stringify(body)).toBe(
        422,
      );
    }
    await apiCall("POST", url, s.basicAuth, { amount_μusd: 10, payment_reference: "mine" });
    const theirs = await dataOf<unknown[]>(
      await apiCall("GET", `/v1/accounts/${other.accountId}/credits/ledger`, other.basicAuth),
    );
    expect(theirs).toEqual([]);
    const fromMine = await apiCall(
      "GET",
      `/v1/accounts/${other.accountId}/credits/ledger`,
      s.basicAuth,
    );
    expect(fromMine.status).toBe(404);
  });
});
