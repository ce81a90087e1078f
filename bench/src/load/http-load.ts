import autocannon from "autocannon";
import type { LoadJob, LoadResult } from "./load-job.ts";
import { percentile } from "./percentiles.ts";

type HttpLoadJob = Exclude<LoadJob, { kind: "flow" }>;
type Request = NonNullable<autocannon.Options["requests"]>[number];

/** Per-request bodies for pool and rotate jobs; a drained queue yields a body the server refuses. */
function dynamicRequest(job: HttpLoadJob): Request | undefined {
  if (job.kind === "pool") {
    let next = 0;
    return {
      setupRequest: (req) => ({ ...req, body: job.bodies[next++] ?? "exhausted=1" }),
    };
  }
  if (job.kind === "rotate") {
    const ready = [...job.tokens];
    return {
      setupRequest: (req) => ({
        ...req,
        body: `${job.bodyPrefix}${encodeURIComponent(ready.shift() ?? "exhausted")}`,
      }),
      onResponse: (status, body) => {
        if (status !== 200) return;
        const token = (JSON.parse(body) as { refresh_token?: string }).refresh_token;
        if (token) ready.push(token);
      },
    };
  }
  return undefined;
}

/** Drives one HTTP job with autocannon; latencies are kept in full (autocannon's own are whole ms). */
export function runHttpLoad(job: HttpLoadJob): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let firstError: string | undefined;
  const dynamic = dynamicRequest(job);
  const bounds = job.kind === "pool" ? { amount: job.bodies.length } : { duration: job.durationS };
  return new Promise((resolve, reject) => {
    // autocannon's own duration counts whole seconds, and it notices a drained `amount` only at
    // its next one-second tick: a pool run is timed from the start to its last response.
    const started = performance.now();
    let lastResponseAt = started;
    const instance = autocannon(
      {
        url: job.url,
        method: job.method,
        headers: job.headers,
        body: job.kind === "repeat" ? job.body : undefined,
        connections: job.connections,
        timeout: 10,
        ...bounds,
        ...(dynamic ? { requests: [dynamic] } : {}),
      },
      (error, result) => {
        clearTimeout(guard);
        if (error) return reject(error);
        const ok = Object.entries(statusCodes)
          .filter(([code]) => code.startsWith("2"))
          .reduce((sum, [, count]) => sum + count, 0);
        const total = latencies.length + result.errors;
        const ended = job.kind === "pool" ? lastResponseAt : performance.now();
        const durationS = (ended - started) / 1000;
        resolve({
          total,
          ok,
          errors: total - ok,
          durationS,
          perSecond: ok / durationS,
          p50Ms: percentile(latencies, 50),
          p99Ms: percentile(latencies, 99),
          statusCodes,
          ...(firstError ? { firstError } : {}),
        });
      },
    );
    const guard =
      job.kind === "pool" ? setTimeout(() => instance.stop(), job.maxS * 1000) : undefined;
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      lastResponseAt = performance.now();
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
    instance.on("reqError", (error) => {
      lastResponseAt = performance.now();
      firstError ??= error.message;
    });
  });
}
