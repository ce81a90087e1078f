import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events } from "../db/schema.ts";
import { markDispatched } from "./dispatch.ts";
import { buildEventRow } from "./event.ts";
import { recordEvents } from "./record-events.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("markDispatched", () => {
  it("marks 300 events at once and keeps the first receipt", async () => {
    const { db, ctx } = await seedAccount(DB);
    const subjectId = `subject-${crypto.randomUUID()}`;
    const rows = Array.from({ length: 300 }, () =>
      buildEventRow(ctx, { type: "user.updated", subject: { type: "user", id: subjectId } }),
    );
    await recordEvents(db, rows);
    await markDispatched(
      db,
      rows.slice(0, 10).map((r) => r.id),
      1000,
    );
    await markDispatched(
      db,
      rows.map((r) => r.id),
      2000,
    );
    const marked = await db.select().from(events).where(eq(events.subjectId, subjectId));
    expect(marked).toHaveLength(300);
    expect(marked.filter((e) => e.dispatchedAt === 1000)).toHaveLength(10);
    expect(marked.filter((e) => e.dispatchedAt === 2000)).toHaveLength(290);
  });
});
