import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events } from "../db/schema.ts";
import { createIssuer } from "../issuers/create-issuer.ts";
import { relayOutbox } from "./outbox.ts";
import type { EventMessage } from "./queue-message.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

/** Storage is shared by the tests of a file: start each test with an empty outbox. */
async function emptyOutbox() {
  const db = (await seedAccount(DB)).db;
  await db.update(events).set({ queuedAt: 0 }).where(isNull(events.queuedAt));
}

describe("relayOutbox", () => {
  it("relays a backlog larger than D1's 100 bound parameters in batches", async () => {
    await emptyOutbox();
    const { db, ctx } = await seedAccount(DB);
    for (let i = 0; i < 40; i++) await createIssuer(db, ctx, { name: `n${i}` });
    const batches: number[] = [];
    const count = await relayOutbox(db, {
      now: Date.now(),
      send: async (batch) => void batches.push(batch.length),
    });
    expect(count).toBe(42);
    expect(batches.every((size) => size <= 50)).toBe(true);
    for (let i = 0; i < 120; i++) await createIssuer(db, ctx, { name: `m${i}` });
    expect(await relayOutbox(db, { now: Date.now(), send: async () => {} })).toBe(120);
    expect(await db.select().from(events).where(isNull(events.queuedAt))).toEqual([]);
  });

  it("sends pending events once and marks them queued", async () => {
    await emptyOutbox();
    const { db, ctx } = await seedAccount(DB);
    await createIssuer(db, ctx, { name: "a" });
    const sent: EventMessage[] = [];
    const now = Date.now();
    const count = await relayOutbox(db, { now, send: async (batch) => void sent.push(...batch) });
    expect(count).toBe(3);
    expect(sent.map((m) => m.event.type)).toEqual([
      "account.created",
      "api-key.created",
      "issuer.created",
    ]);
    expect(sent[2]!.event).toMatchObject({
      spec: "1.0",
      account_id: ctx.accountId,
      source: "authpi-edge/core-api",
    });
    expect(await db.select().from(events).where(isNull(events.queuedAt))).toEqual([]);
    expect(await relayOutbox(db, { now, send: async () => {} })).toBe(0);
  });

  it("keeps events when the Queue refuses them, and sends them on the next relay", async () => {
    await emptyOutbox();
    const { db } = await seedAccount(DB);
    const now = Date.now();
    const failing = relayOutbox(db, {
      now,
      send: async () => {
        throw new Error("queue down");
      },
    });
    await expect(failing).rejects.toThrow("queue down");
    expect(await db.select().from(events).where(isNull(events.queuedAt))).toHaveLength(2);
    const sent: EventMessage[] = [];
    await relayOutbox(db, { now, send: async (batch) => void sent.push(...batch) });
    expect(sent).toHaveLength(2);
  });

  it("leaves young rows to the request that wrote them when asked to", async () => {
    await emptyOutbox();
    const { db } = await seedAccount(DB);
    const now = Date.now();
    expect(await relayOutbox(db, { now, minAgeMs: 60_000, send: async () => {} })).toBe(0);
  });
});
