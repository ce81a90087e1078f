import { updateIssuer } from "@authpi/domain/issuers";
import { MAX_SHARDS, shardForUser } from "@authpi/domain/oauth";
import type { seedIssuer } from "./factories.ts";

type Seeded = Awaited<ReturnType<typeof seedIssuer>>;

/** Sets the issuer's session-store shard count as the Core API would (it may only grow). */
export async function setStoreShards(seeded: Seeded, count: number): Promise<void> {
  const updated = await updateIssuer(seeded.db, seeded.ctx, seeded.issuer.id, {
    settings: { access: { sessions: { store_shards: count } } },
  });
  seeded.issuer.settings = updated.settings;
}

/**
 * The smallest shard count of at least `min` that puts `userId`'s new sessions outside shard 0,
 * so a test proves a route to another object instead of passing by luck.
 */
export function countPlacingOffHome(userId: string, min = 4): number {
  for (let count = min; count <= MAX_SHARDS; count++) {
    if (shardForUser(userId, count) !== 0) return count;
  }
  throw new Error(`every count from ${min} keeps ${userId} on shard 0`);
}
