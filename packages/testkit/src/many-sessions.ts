import { env } from "cloudflare:workers";
import { createDb } from "@authpi/domain/db";
import { newId } from "@authpi/domain/ids";
import { readShardCount } from "@authpi/domain/issuers";
import {
  type IssuerStoreObject,
  type IssuerStoreRpc,
  inShard,
  issuerStoreId,
  shardedIssuerStore,
  shardOf,
} from "@authpi/domain/oauth";

const bindings = env as unknown as {
  ISSUER_STORE: DurableObjectNamespace<IssuerStoreObject>;
  DB: D1Database;
};

/** One shard of an issuer's store, reached directly (shard 0: the issuer's original object). */
export function issuerShardOf(issuerId: string, shard: number): IssuerStoreRpc {
  const ns = bindings.ISSUER_STORE;
  return ns.get(issuerStoreId(ns, issuerId, shard));
}

/** The IdP's real Durable Objects for an issuer, over its shards, as the workers reach them. */
export function issuerStoreOf(issuerId: string): IssuerStoreRpc {
  return shardedIssuerStore({
    shard: (index) => issuerShardOf(issuerId, index),
    shardCount: () => readShardCount(createDb(bindings.DB), issuerId),
  });
}

/** An rp session under `op`, made the way the IdP makes one: a code, then its redemption. */
export async function openRpSession(
  store: IssuerStoreRpc,
  op: { id: string; userId: string },
  clientId: string,
  now = Date.now(),
): Promise<string> {
  const shard = shardOf(op.id, "id");
  const codeHash = inShard(`code-${crypto.randomUUID()}`, "token", shard);
  await store.saveCode(
    codeHash,
    {
      clientId,
      userId: op.userId,
      sessionId: op.id,
      redirectUri: "https://app.example.com/callback",
      scope: "openid",
      nonce: null,
      codeChallenge: null,
      authTime: now,
      resource: [],
      orgId: null,
    },
    now + 60_000,
  );
  const rpId = inShard(newId("session", now), "id", shard);
  const redeemed = await store.redeemCode(
    codeHash,
    clientId,
    {
      id: rpId,
      clientId,
      refreshJti: inShard(crypto.randomUUID(), "token", shard),
      refreshExpiresAt: now + 3600_000,
    },
    now,
  );
  if (redeemed.status !== "ok") throw new Error(`code redemption failed: ${redeemed.status}`);
  return rpId;
}

/**
 * `ops` op sessions of a user (at most 50 stay live per shard), each with `rpsPerOp` rp
 * sessions; with `shards`, op session i opens in shard i mod `shards`.
 */
export async function openSessions(
  issuerId: string,
  userId: string,
  clientId: string,
  counts: { ops: number; rpsPerOp: number; shards?: number },
): Promise<string[]> {
  const store = issuerStoreOf(issuerId);
  const now = Date.now();
  const trees = await Promise.all(
    Array.from({ length: counts.ops }, async (_, i) => {
      const op = await store.createOpSession(
        {
          id: inShard(newId("session", now), "id", i % (counts.shards ?? 1)),
          userId,
          authMethod: "password",
          authTime: now,
          maxAgeMs: 3600_000,
          idleTimeoutMs: 600_000,
          secretHash: "x",
          device: { user_agent: "test" },
        },
        now,
      );
      const rps = await Promise.all(
        Array.from({ length: counts.rpsPerOp }, () => openRpSession(store, op, clientId, now)),
      );
      return [op.id, ...rps];
    }),
  );
  return trees.flat();
}
