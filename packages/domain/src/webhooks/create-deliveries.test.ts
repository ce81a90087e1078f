import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { webhookDeliveries } from "../db/schema.ts";
import { buildEventRow, eventToWire } from "../events/event.ts";
import { createDeliveries } from "./create-deliveries.ts";
import { createWebhook } from "./manage-webhooks.ts";
import { CreateWebhookInput } from "./webhook-input.ts";

const DB = (env as unknown as { DB: D1Database }).DB;
const config = {
  secretKey: "test-key-encryption-secret-0123456789",
  urlPolicy: "production" as const,
};

// Hundreds of rows take seconds on a loaded machine; the limit only guards against a hang.
describe("createDeliveries", { timeout: 60_000 }, () => {
  it("fans one event out to 150 subscribed webhooks, once, however often it arrives", async () => {
    const { db, ctx } = await seedAccount(DB);
    for (let i = 0; i < 150; i++) {
      await createWebhook(
        db,
        ctx,
        config,
        CreateWebhookInput.parse({
          name: `hook-${i}`,
          url: `https://hooks.example.com/${i}`,
          events: i % 2 === 0 ? ["user.*"] : [],
          auth: { type: "none" },
        }),
      );
    }
    await createWebhook(
      db,
      ctx,
      config,
      CreateWebhookInput.parse({
        name: "other",
        url: "https://hooks.example.com/other",
        events: ["client.*"],
        auth: { type: "none" },
      }),
    );
    const event = eventToWire({
      ...buildEventRow(ctx, { type: "user.created", subject: { type: "user", id: "usr_x" } }),
      queuedAt: null,
      dispatchedAt: null,
    } as Parameters<typeof eventToWire>[0]);
    const created = await createDeliveries(db, event, ctx.now);
    expect(created).toHaveLength(150);
    expect(new Set(created.map((d) => d.webhookId)).size).toBe(150);
    // A second run adds no rows and hands back the same unattempted deliveries to queue.
    const again = await createDeliveries(db, event, ctx.now);
    expect(again.map((d) => d.id).sort()).toEqual(created.map((d) => d.id).sort());
    const stored = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.eventId, event.id));
    expect(stored).toHaveLength(150);
  });
});
