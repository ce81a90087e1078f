import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../crypto/hash.ts";
import { createDb } from "../db/client.ts";
import { accounts, apiKeys } from "../db/schema.ts";
import { bootstrapAccount } from "./bootstrap-account.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

describe("bootstrapAccount", () => {
  it("creates the first account once, with an owner key stored as SHA-256", async () => {
    const db = createDb(DB);
    await db.delete(apiKeys);
    await db.delete(accounts);
    const first = await bootstrapAccount(db, { name: "First", now: Date.now() });
    expect(first.apiKey.id).toMatch(/^key_[0-9a-f]{32}$/);
    expect(first.apiKey.secretHash).toBe(await sha256Hex(first.secret));
    expect(first.apiKey.secretHash).not.toContain(first.secret);
    await expect(bootstrapAccount(db, { name: "Second", now: Date.now() })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});
