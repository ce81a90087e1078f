import { sha256Hex } from "../../crypto/hash.ts";
import type { DpopReplay } from "../issuer-store-contract.ts";
import { inShard, MAX_SHARDS } from "../shard-routing.ts";
import type { DpopProof } from "./check-proof.ts";
import { DPOP_IAT_SKEW_S } from "./dpop-algs.ts";

/**
 * A proof's replay record (RFC 9449 §11.1): the SHA-256 of its key and `jti` (a fixed-size key,
 * nothing the client chose stored raw), tagged with a shard by its own digits so a check that
 * makes no other store call spreads over the issuer's shards; kept until the proof is stale.
 */
export async function dpopReplay(
  proof: DpopProof,
  shardCount: number,
  skewS = DPOP_IAT_SKEW_S,
): Promise<DpopReplay> {
  const digest = await sha256Hex(`${proof.jkt}:${proof.jti}`);
  const count = Math.min(Math.max(Math.trunc(shardCount) || 1, 1), MAX_SHARDS);
  const shard = Number.parseInt(digest.slice(0, 8), 16) % count;
  return { key: inShard(digest, "token", shard), expiresAt: (proof.iat + skewS + 1) * 1000 };
}
