import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, issuers } from "../db/schema.ts";
import { createIssuer } from "./create-issuer.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("createIssuer", () => {
  it("writes the issuer and its issuer.created event together", async () => {
    const { db, ctx } = await seedAccount(DB);
    const issuer = await createIssuer(db, ctx, { name: "acme-prod" });
    expect(issuer.id).toMatch(/^i_/);
    expect(issuer.settings.access.sessions).toEqual({ max_age: 604800, idle_timeout: 43200 });
    const recorded = await db.select().from(events).where(eq(events.subjectId, issuer.id));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({
      type: "issuer.created",
      accountId: ctx.accountId,
      issuerId: issuer.id,
      actor: { type: "api_key", id: ctx.actor.id },
      queuedAt: null,
    });
  });

  it("writes nothing when the event cannot be written (same batch)", async () => {
    const { db, ctx } = await seedAccount(DB);
    await DB.exec(
      "CREATE TRIGGER refuse_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'no events'); END",
    );
    try {
      await expect(createIssuer(db, ctx, { name: "doomed" })).rejects.toThrow();
      expect(await db.select().from(issuers).where(eq(issuers.name, "doomed"))).toEqual([]);
    } finally {
      await DB.exec("DROP TRIGGER refuse_events");
    }
  });
});
