import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { eq, getTableColumns } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { buildEventRow } from "../events/event.ts";
import {
  chunk,
  inList,
  insertRows,
  MAX_BOUND_PARAMETERS,
  rowsPerInsert,
  runBatch,
} from "./bound-parameters.ts";
import { events, users, webhookDeliveries } from "./schema.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

async function eventRows(count: number) {
  const { db, ctx } = await seedAccount(DB);
  const subjectId = `subject-${crypto.randomUUID()}`;
  const rows = Array.from({ length: count }, (_, i) =>
    buildEventRow(ctx, {
      type: "user.updated",
      subject: { type: "user", id: subjectId },
      data: { i },
    }),
  );
  return { db, rows, subjectId };
}

describe("chunk and rowsPerInsert", () => {
  it("splits into runs of the size asked, keeping order and every item", () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    const parts = chunk(items, 5);
    expect(parts.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    expect(parts.flat()).toEqual(items);
    expect(chunk([], 7)).toEqual([]);
    expect(() => chunk(items, 0)).toThrow(RangeError);
  });

  it("fits a whole insert statement of any table in the limit", () => {
    for (const table of [events, users, webhookDeliveries]) {
      const columns = Object.keys(getTableColumns(table)).length;
      expect(rowsPerInsert(table) * columns).toBeLessThanOrEqual(MAX_BOUND_PARAMETERS);
    }
  });
});

describe("insertRows and runBatch", () => {
  it("writes 500 event rows in one batch, each statement within D1's 100 parameters", async () => {
    const { db, rows, subjectId } = await eventRows(500);
    const statements = insertRows(db, events, rows);
    for (const statement of statements) {
      const { params } = (statement as unknown as { toSQL(): { params: unknown[] } }).toSQL();
      expect(params.length).toBeLessThanOrEqual(MAX_BOUND_PARAMETERS);
    }
    await runBatch(db, statements);
    const written = await db.select().from(events).where(eq(events.subjectId, subjectId));
    expect(written).toHaveLength(500);
  });

  it("is all or nothing: one failing statement leaves none of the chunks written", async () => {
    const { db, rows, subjectId } = await eventRows(300);
    const duplicate = { ...rows[0]!, subjectId };
    await expect(
      runBatch(db, [...insertRows(db, events, rows), db.insert(events).values(duplicate)]),
    ).rejects.toThrow();
    expect(await db.select().from(events).where(eq(events.subjectId, subjectId))).toEqual([]);
  });

  it("runs nothing for no statements", async () => {
    const { db } = await seedAccount(DB);
    expect(await runBatch(db, insertRows(db, events, []))).toEqual([]);
  });
});

describe("inList", () => {
  it("matches against thousands of values with one bound parameter", async () => {
    const { db, rows, subjectId } = await eventRows(150);
    await runBatch(db, insertRows(db, events, rows));
    const wanted = [...rows.map((r) => r.id), ...Array.from({ length: 3000 }, (_, i) => `x${i}`)];
    const query = db.select({ id: events.id }).from(events).where(inList(events.id, wanted));
    expect(query.toSQL().params).toHaveLength(1);
    const found = await query;
    expect(found.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
    const none = await db
      .select()
      .from(events)
      .where(inList(events.subjectId, [`not-${subjectId}`]));
    expect(none).toEqual([]);
    expect(await db.select().from(events).where(inList(events.id, []))).toEqual([]);
  });
});
