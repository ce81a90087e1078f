import type { IssuerStoreRpc, SessionView } from "./issuer-store-contract.ts";
import { type HandleKind, MAX_SHARDS, shardOf } from "./shard-routing.ts";

type Method = keyof IssuerStoreRpc;
type AnyMethod = (...args: unknown[]) => Promise<unknown>;

/** Where a call goes: to the shard one argument names, or to every shard with a merge. */
type Route =
  | { to: "one"; shard: (args: unknown[]) => number }
  | { to: "all"; merge: (results: unknown[]) => unknown };

const byArg = (kind: HandleKind, index = 0): Route => ({
  to: "one",
  shard: (args) => shardOf(String(args[index] ?? ""), kind),
});

/** The shard of a token check (or a claims route): its session's, else its jti's. */
const byCheck = (index: number): Route => ({
  to: "one",
  shard: (args) => {
    const check = args[index] as { sid: string | null; jti: string } | undefined;
    if (!check) return 0;
    return check.sid === null ? shardOf(check.jti, "token") : shardOf(check.sid, "id");
  },
});

/** Newest first, as one object lists them (created_at, then id, descending). */
function newestFirst(results: unknown[]): SessionView[] {
  return (results as SessionView[][])
    .flat()
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/**
 * The routing table (docs/decisions/sharding.md). A method not listed goes to the home shard
 * (shard 0, the issuer's original object): login state, locks, rate limits, passkey challenges,
 * emailed links and personal tokens live there, and methods added later keep working there.
 */
export const SHARD_ROUTES: Partial<Record<Method, Route>> = {
  saveCode: byArg("token"),
  consumeCode: byArg("token"),
  redeemCode: byArg("token"),
  rotateRefresh: byArg("token"),
  revokeRefresh: byArg("token"),
  revokeAccessToken: byArg("token"),
  inspectRefresh: byArg("token"),
  tokenActive: byCheck(0),
  activeTokenClaims: byCheck(0),
  // A proof checked with no other store call (client_credentials) goes where its key's tag says.
  useDpopProof: {
    to: "one",
    shard: ([replay]) => shardOf((replay as { key: string }).key, "token"),
  },
  // Claims snapshots (docs/decisions/claims-snapshot.md): a user's sessions may sit in any
  // shard (placement uses the count at sign-in), so a write opens and closes on all of them;
  // a fill goes where the miss was answered, since each shard keeps its own clock.
  beginUserWrite: { to: "all", merge: () => undefined },
  endUserWrite: { to: "all", merge: () => undefined },
  fillUserClaims: byCheck(4),
  createOpSession: { to: "one", shard: ([init]) => shardOf((init as { id: string }).id, "id") },
  findOpSession: byArg("id"),
  getSession: byArg("id"),
  endSessionTree: byArg("id"),
  endSession: byArg("id"),
  setSuspended: byArg("id"),
  listSessions: { to: "all", merge: newestFirst },
  endUserSessions: { to: "all", merge: newestFirst },
  endClientSessions: { to: "all", merge: newestFirst },
};

/** What the facade needs: a stub per shard, and the issuer's current shard count (fan-outs). */
export interface ShardSet {
  shard(index: number): IssuerStoreRpc;
  /** Read fresh for each fan-out: the count only grows, so a fresh read misses no shard. */
  shardCount(): Promise<number>;
}

/** Checks that a record and the session it belongs to are in one shard (a minting bug else). */
function sameShard(method: Method, args: unknown[], shard: number): void {
  const related =
    method === "saveCode"
      ? [shardOf((args[1] as { sessionId: string }).sessionId, "id")]
      : method === "redeemCode"
        ? [
            shardOf((args[2] as { id: string }).id, "id"),
            shardOf((args[2] as { refreshJti: string }).refreshJti, "token"),
          ]
        : method === "rotateRefresh"
          ? [shardOf((args[2] as { jti: string }).jti, "token")]
          : [];
  if (related.some((other) => other !== shard)) {
    throw new Error(`${method}: the new handles name another shard than ${shard}`);
  }
}

// Reflect.apply calls the stub's method without reading a property of it (an RPC stub would
// take `.apply` for a remote property).
function call(store: IssuerStoreRpc, method: Method, args: unknown[]): Promise<unknown> {
  return Reflect.apply(store[method] as AnyMethod, store, args);
}

async function fanOut(
  set: ShardSet,
  method: Method,
  args: unknown[],
  route: Route & { to: "all" },
) {
  const count = Math.min(Math.max(Math.trunc(await set.shardCount()) || 1, 1), MAX_SHARDS);
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) => call(set.shard(i), method, args)),
  );
  return route.merge(results);
}

/**
 * The issuer store as one object, over its shards: each call goes where `SHARD_ROUTES` says;
 * fan-outs run on every shard in parallel and merge. Implements the whole `IssuerStoreRpc`.
 */
export function shardedIssuerStore(set: ShardSet): IssuerStoreRpc {
  return new Proxy({} as IssuerStoreRpc, {
    get(_target, name) {
      if (typeof name !== "string" || name === "then") return undefined;
      const method = name as Method;
      const route = SHARD_ROUTES[method];
      return async (...args: unknown[]) => {
        if (route?.to === "all") return fanOut(set, method, args, route);
        const shard = route ? route.shard(args) : 0;
        sameShard(method, args, shard);
        return call(set.shard(shard), method, args);
      };
    },
  });
}
