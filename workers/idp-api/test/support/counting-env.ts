import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { app } from "../../src/app.ts";
import type { Env } from "../../src/env.ts";

/**
 * What one request cost in storage round trips and public-key crypto (issue 16). Counted by
 * wrapping the bindings and `crypto.subtle` in the test only: production code is unchanged.
 */
export interface RequestCounts {
  /** Calls on an issuer Durable Object stub (each RPC method call or `fetch`). */
  doCalls: number;
  /** D1 round trips: each statement run on its own (`first`/`all`/`run`/`raw`), each `batch`, each `exec`. */
  d1Queries: number;
  /** SQL statements sent to D1, whether alone or inside a batch. */
  d1Statements: number;
  /** Asymmetric signatures (`crypto.subtle.sign` with ECDSA, Ed25519 or RSA): JWS signing. */
  signatures: number;
  /** Asymmetric verifications (`crypto.subtle.verify`, same algorithms): JWS verification. */
  verifications: number;
}

const zero = (): RequestCounts => ({
  doCalls: 0,
  d1Queries: 0,
  d1Statements: 0,
  signatures: 0,
  verifications: 0,
});

const RUNS = new Set(["first", "all", "run", "raw"]);
const PUBLIC_KEY = new Set(["ECDSA", "Ed25519", "RSASSA-PKCS1-v1_5", "RSA-PSS"]);

function algorithmName(algorithm: string | { name: string }): string {
  return typeof algorithm === "string" ? algorithm : algorithm.name;
}

/** A counting view of a D1 binding; statements are unwrapped again before a batch. */
function countingD1(db: D1Database, counts: RequestCounts): D1Database {
  const targets = new WeakMap<object, D1PreparedStatement>();
  const statement = (target: D1PreparedStatement): D1PreparedStatement => {
    const proxy = new Proxy(target, {
      get(t, prop) {
        if (prop === "bind")
          return (...values: unknown[]) => statement(t.bind(...values) as D1PreparedStatement);
        const value = Reflect.get(t, prop, t);
        if (typeof prop === "string" && RUNS.has(prop) && typeof value === "function") {
          return (...args: unknown[]) => {
            counts.d1Queries++;
            counts.d1Statements++;
            return value.apply(t, args);
          };
        }
        return typeof value === "function" ? value.bind(t) : value;
      },
    });
    targets.set(proxy, target);
    return proxy;
  };
  return new Proxy(db, {
    get(t, prop) {
      if (prop === "prepare") return (sql: string) => statement(t.prepare(sql));
      if (prop === "batch") {
        return (statements: D1PreparedStatement[]) => {
          counts.d1Queries++;
          counts.d1Statements += statements.length;
          return t.batch(statements.map((s) => targets.get(s) ?? s));
        };
      }
      if (prop === "exec") {
        return (sql: string) => {
          counts.d1Queries++;
          counts.d1Statements++;
          return t.exec(sql);
        };
      }
      const value = Reflect.get(t, prop, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}

/** A counting view of a Durable Object namespace: every call on a stub it hands out counts. */
function countingNamespace(
  namespace: DurableObjectNamespace,
  counts: RequestCounts,
): DurableObjectNamespace {
  const stub = (target: DurableObjectStub): DurableObjectStub =>
    new Proxy(target, {
      get(t, prop) {
        const value = Reflect.get(t, prop, t) as unknown;
        if (typeof prop !== "string" || prop === "then" || typeof value !== "function")
          return value;
        if (prop === "id" || prop === "name") return value;
        return (...args: unknown[]) => {
          counts.doCalls++;
          // Called on the stub itself: an RPC property has no working `apply`.
          return (t as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]?.(...args);
        };
      },
    });
  return new Proxy(namespace, {
    get(t, prop) {
      if (prop === "get" || prop === "getByName") {
        return (...args: unknown[]) =>
          stub((t[prop] as (...a: unknown[]) => DurableObjectStub).apply(t, args));
      }
      const value = Reflect.get(t, prop, t);
      return typeof value === "function" ? value.bind(t) : value;
    },
  });
}

/**
 * The IdP worker's app called in-process with counting bindings. One instance per test keeps
 * the same env object across requests, so the per-isolate caches warm as they do in production.
 */
export class CountingWorker {
  private counts = zero();
  private readonly env: Env;

  constructor() {
    const base = env as unknown as Env;
    this.env = {
      ...base,
      DB: countingD1(base.DB, this.counts),
      ISSUER_STORE: countingNamespace(
        base.ISSUER_STORE as unknown as DurableObjectNamespace,
        this.counts,
      ) as unknown as Env["ISSUER_STORE"],
    };
  }

  /**
   * Sends one request and returns its response with what it cost, `waitUntil` work included
   * (the event relay a request starts is part of what the request makes the platform do).
   */
  async fetch(
    path: string,
    init?: RequestInit,
  ): Promise<{ response: Response; counts: RequestCounts }> {
    Object.assign(this.counts, zero());
    const subtle = crypto.subtle;
    const sign = subtle.sign;
    const verify = subtle.verify;
    const counts = this.counts;
    subtle.sign = function (this: SubtleCrypto, algorithm, ...rest) {
      if (PUBLIC_KEY.has(algorithmName(algorithm))) counts.signatures++;
      return sign.call(this, algorithm, ...rest);
    } as SubtleCrypto["sign"];
    subtle.verify = function (this: SubtleCrypto, algorithm, ...rest) {
      if (PUBLIC_KEY.has(algorithmName(algorithm))) counts.verifications++;
      return verify.call(this, algorithm, ...rest);
    } as SubtleCrypto["verify"];
    try {
      const ctx = createExecutionContext();
      const response = await app.fetch(new Request(`http://localhost${path}`, init), this.env, ctx);
      await response.clone().arrayBuffer();
      await waitOnExecutionContext(ctx);
      return { response, counts: { ...counts } };
    } finally {
      subtle.sign = sign;
      subtle.verify = verify;
    }
  }
}
