import { passwordLogin } from "../oauth/login-flow.ts";
import type { LoadJob, LoadResult } from "./load-job.ts";
import { percentile } from "./percentiles.ts";

type FlowJob = Extract<LoadJob, { kind: "flow" }>;

/** Virtual users each doing whole logins back to back (a new user agent each time) until the deadline. */
export async function runFlowLoad(job: FlowJob): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + job.durationS * 1000;
  const user = async () => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      try {
        await passwordLogin(job.target);
        latencies.push(performance.now() - begin);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: job.concurrency }, user));
  const durationS = (performance.now() - started) / 1000;
  return {
    total: latencies.length + errors,
    ok: latencies.length,
    errors,
    durationS,
    perSecond: latencies.length / durationS,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    statusCodes: {},
    ...(firstError ? { firstError } : {}),
  };
}
