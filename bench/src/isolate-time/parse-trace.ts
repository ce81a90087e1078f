import { percentile } from "../load/percentiles.ts";

interface TraceLine {
  e: string;
  ctx?: number;
  worker?: string;
  actor?: string | null;
  locked?: number;
  end?: number;
}

export interface IsolateTime {
  /** Request contexts of the front worker seen in the window. */
  requests: number;
  /** Isolate time of one front-worker request (the figure Cloudflare bills as CPU time). */
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * Isolate time in everything else (Durable Objects, the local D1 and Queue simulators),
   * divided by the front requests: on Cloudflare, D1's share runs on D1's own machines.
   */
  otherMsPerRequest: number;
  /** Units of work (requests or whole logins) the traced run completed, when known. */
  units?: number;
}

/**
 * Sums, per request context, the time each turn held the isolate lock (`locked` → `end`, in ns)
 * from workerd's `--async-trace` output. `contexts` must come from the whole file (a context is
 * announced once); `windowText` is the part written while the measured job ran.
 */
export function isolateTime(
  wholeText: string,
  windowText: string,
  frontWorker: string,
): IsolateTime {
  const front = new Set<number>();
  for (const line of wholeText.split("\n")) {
    if (!line.startsWith('{"e":"ctx"')) continue;
    const ctx = JSON.parse(line) as TraceLine;
    if (ctx.worker === frontWorker && ctx.actor === null) front.add(ctx.ctx!);
  }
  const perRequest = new Map<number, number>();
  let otherNs = 0;
  for (const line of windowText.split("\n")) {
    if (!line.startsWith('{"e":"turn"')) continue;
    const turn = JSON.parse(line) as TraceLine;
    const ns = turn.end! - turn.locked!;
    if (front.has(turn.ctx!)) perRequest.set(turn.ctx!, (perRequest.get(turn.ctx!) ?? 0) + ns);
    else otherNs += ns;
  }
  const ms = [...perRequest.values()].map((ns) => ns / 1e6);
  const requests = ms.length;
  return {
    requests,
    meanMs: requests ? ms.reduce((a, b) => a + b, 0) / requests : 0,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    maxMs: requests ? Math.max(...ms) : 0,
    otherMsPerRequest: requests ? otherNs / 1e6 / requests : 0,
  };
}
