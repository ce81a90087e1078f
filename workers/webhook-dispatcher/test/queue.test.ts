import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { createDb, events } from "@authpi/domain/db";
import type { EventMessage } from "@authpi/domain/events";
import { eventToWire } from "@authpi/domain/events";
import { seedAccount } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import worker from "../src/index.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("queue consumer", () => {
  it("records that each event reached the dispatcher and acks it", async () => {
    const { accountId } = await seedAccount(DB);
    const db = createDb(DB);
    const rows = await db.select().from(events).where(eq(events.accountId, accountId));
    const batch = createMessageBatch<EventMessage>("authpi-events", [
      ...rows.map((row, i) => ({
        id: `m${i}`,
        timestamp: new Date(),
        attempts: 1,
        body: { v: 1 as const, event: eventToWire(row) },
      })),
      {
        id: "bad",
        timestamp: new Date(),
        attempts: 1,
        body: { nonsense: true } as unknown as EventMessage,
      },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env as never);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["bad", "m0", "m1"]);
    const after = await db.select().from(events).where(eq(events.accountId, accountId));
    expect(after.every((row) => row.dispatchedAt !== null)).toBe(true);
  });
});
