import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import { EventFilters, listEvents } from "./list-events.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("listEvents", () => {
  it("filters by hundreds of exact types and prefixes", async () => {
    const { db, ctx } = await seedAccount(DB);
    const exact = Array.from({ length: 200 }, (_, i) => `x${i}`);
    const prefixes = Array.from({ length: 120 }, (_, i) => `p${i}.*`);
    const filter = [...exact, ...prefixes, "account.created", "api-key.*"].join(",");
    expect(filter.length).toBeLessThanOrEqual(2000);
    const page = await listEvents(db, ctx.accountId, EventFilters.parse({ event_types: filter }));
    expect(page.data.map((e) => e.type).sort()).toEqual(["account.created", "api-key.created"]);
  });

  it("compares prefixes literally, not as LIKE patterns", async () => {
    const { db, ctx } = await seedAccount(DB);
    const page = await listEvents(
      db,
      ctx.accountId,
      EventFilters.parse({ event_types: "%.*,_.*" }),
    );
    expect(page.data).toEqual([]);
  });
});
