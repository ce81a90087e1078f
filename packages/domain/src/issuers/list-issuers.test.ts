import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import { CreateClientInput, createClient } from "../clients/create-client.ts";
import { createIssuer } from "./create-issuer.ts";
import { listIssuers } from "./list-issuers.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

// Hundreds of rows take seconds on a loaded machine; the limit only guards against a hang.
describe("listIssuers", { timeout: 60_000 }, () => {
  it("lists a full page of 100 issuers with their client counts", async () => {
    const { db, ctx } = await seedAccount(DB);
    const made = [];
    for (let i = 0; i < 101; i++) made.push(await createIssuer(db, ctx, { name: `issuer-${i}` }));
    const withClient = made[100]!;
    await createClient(
      db,
      ctx,
      withClient.id,
      CreateClientInput.parse({ name: "m2m", type: "m2m", settings: { scopes: [] } }),
    );
    const page = await listIssuers(db, ctx.accountId, { limit: 100 });
    expect(page.data).toHaveLength(100);
    expect(page.has_more).toBe(true);
    expect(page.data[0]).toMatchObject({ id: withClient.id, readiness: "ready" });
    expect(page.data.slice(1).every((issuer) => issuer.readiness === "needs_client")).toBe(true);
  });
});
