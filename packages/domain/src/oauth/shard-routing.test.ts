import { describe, expect, it } from "vitest";
import { randomToken, sha256Hex } from "../crypto/hash.ts";
import { newId } from "../ids.ts";
import { storeShardCount } from "../issuers/issuer-settings.ts";
import { checkShardGrowth } from "../issuers/shard-growth.ts";
import { newJti } from "../tokens/jwt.ts";
import { issuerSettings } from "../values/issuer-settings.ts";
import type { IssuerStoreRpc } from "./issuer-store-contract.ts";
import { codeKey, inShard, MAX_SHARDS, shardForUser, shardOf } from "./shard-routing.ts";
import { shardedIssuerStore } from "./sharded-issuer-store.ts";

describe("shard routing", () => {
  it("reads back the shard written into every handle kind, 0..63", () => {
    for (let shard = 0; shard < MAX_SHARDS; shard++) {
      expect(shardOf(inShard(newId("session"), "id", shard), "id")).toBe(shard);
      expect(shardOf(inShard(newJti(), "token", shard), "token")).toBe(shard);
      expect(shardOf(inShard(randomToken(32), "token", shard), "token")).toBe(shard);
    }
  });

  it("routes handles minted before sharding to shard 0, unchanged", () => {
    for (let i = 0; i < 500; i++) {
      const id = newId("session");
      expect(inShard(id, "id", 0)).toBe(id);
      expect(shardOf(id, "id")).toBe(0);
      expect(shardOf(newJti(), "token")).toBe(0);
      expect(shardOf(randomToken(32), "token")).toBe(0);
    }
    expect(shardOf("s_00t4eqc9vp1j17zjzen4yp1ax", "id")).toBe(0);
  });

  it("keeps session ids in the wire alphabet", () => {
    expect(inShard(newId("session"), "id", 63)).toMatch(/^s_[0-9a-z]{28}$/);
  });

  it("sends a tag past the limit, or a malformed one, home", () => {
    expect(shardOf("s_00t4eqc9vp1j17zjzen4yp1axuzz", "id")).toBe(0);
    expect(shardOf("abc.zz", "token")).toBe(0);
    expect(shardOf("abc.0u", "token")).toBe(0);
    expect(() => inShard("x", "id", MAX_SHARDS)).toThrow(RangeError);
  });

  it("keys a code by its hash and its own tag; a legacy code keys by its bare hash", async () => {
    const legacy = randomToken(32);
    expect(await codeKey(legacy)).toBe(await sha256Hex(legacy));
    const tagged = inShard(randomToken(32), "token", 5);
    const key = await codeKey(tagged);
    expect(key.startsWith(await sha256Hex(tagged))).toBe(true);
    expect(shardOf(key, "token")).toBe(5);
    expect(key).not.toContain(tagged.slice(0, 43));
  });

  it("spreads users over the count and keeps each user in one shard", () => {
    const seen = new Set<number>();
    for (let i = 0; i < 400; i++) seen.add(shardForUser(newId("user"), 8));
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const user = newId("user");
    expect(shardForUser(user, 8)).toBe(shardForUser(user, 8));
    expect(shardForUser(user, 1)).toBe(0);
  });
});

describe("the shard count setting", () => {
  it("is 1 when absent and may only grow", () => {
    expect(storeShardCount({})).toBe(1);
    const four = issuerSettings({ access: { sessions: { store_shards: 4 } } });
    expect(storeShardCount(four)).toBe(4);
    expect(() => checkShardGrowth({}, four)).not.toThrow();
    expect(() => checkShardGrowth(four, four)).not.toThrow();
    expect(() => checkShardGrowth(four, issuerSettings({}))).toThrow(/store_shards: may only grow/);
  });
});

describe("the sharded store facade", () => {
  function recordingShards(count: number) {
    const calls: string[] = [];
    const shard = (index: number) =>
      new Proxy({} as IssuerStoreRpc, {
        get: (_t, name) => async () => {
          calls.push(`${String(name)}@${index}`);
          return [];
        },
      });
    return { calls, store: shardedIssuerStore({ shard, shardCount: async () => count }) };
  }

  it("sends a method it does not list to the home shard", async () => {
    const { calls, store } = recordingShards(4);
    await store.loginLocks([], 0);
    await (store as unknown as Record<string, () => Promise<unknown>>).aMethodAddedLater?.();
    expect(calls).toEqual(["loginLocks@0", "aMethodAddedLater@0"]);
  });

  it("fans a user's sessions out to every shard and routes one session by its tag", async () => {
    const { calls, store } = recordingShards(3);
    await store.listSessions({ userId: "usr_1" }, 0);
    await store.getSession(inShard(newId("session"), "id", 2), 0);
    expect(calls).toEqual(["listSessions@0", "listSessions@1", "listSessions@2", "getSession@2"]);
  });

  it("refuses a new handle that names another shard than its session", async () => {
    const { store } = recordingShards(4);
    const rp = { id: inShard(newId("session"), "id", 1), clientId: "c", refreshExpiresAt: 0 };
    await expect(
      store.redeemCode(inShard("k", "token", 2), "c", { ...rp, refreshJti: "j.02" }, 0),
    ).rejects.toThrow(/another shard/);
  });
});
