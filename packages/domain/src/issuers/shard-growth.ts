import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { issuers } from "../db/schema.ts";
import { DomainError } from "../errors.ts";
import { type IssuerSettings, storeShardCount } from "./issuer-settings.ts";

const FIELD = "settings.access.sessions.store_shards";

/**
 * Refuses a change that lowers the session-store shard count: sessions and tokens name their
 * shard, so a shard once used must stay reachable (docs/decisions/sharding.md).
 */
export function checkShardGrowth(current: unknown, next: IssuerSettings): void {
  const before = storeShardCount(current);
  const after = next.access.sessions.store_shards ?? 1;
  if (after >= before) return;
  const message = `may only grow: it is ${before}, and ${after} would strand the sessions of shards ${after}..${before - 1}`;
  throw new DomainError("VALIDATION_FAILED", `${FIELD}: ${message}`, {
    fields: [{ field: FIELD, code: "too_small", message }],
  });
}

/**
 * The issuer's shard count read from D1, never from a cache: a fan-out that read a stale,
 * smaller count would miss the sessions of the newer shards. An unknown issuer has 1.
 */
export async function readShardCount(db: Db, issuerId: string): Promise<number> {
  const row = await db
    .select({ settings: issuers.settings })
    .from(issuers)
    .where(eq(issuers.id, issuerId))
    .get();
  return row ? storeShardCount(row.settings) : 1;
}
