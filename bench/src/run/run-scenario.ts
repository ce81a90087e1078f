import type { LoadClient } from "../load/load-client.ts";
import type { LoadJob } from "../load/load-job.ts";
import { processCpuSeconds } from "../measure/process-cpu.ts";
import { fetchMetadata } from "../oauth/metadata.ts";
import { EndpointUnavailable } from "../oauth/unavailable.ts";
import type { Profile } from "../profile.ts";
import type { PreparedScenario, Scenario } from "../scenarios/scenario.ts";
import type { BenchTarget } from "../targets/target.ts";
import type { Outcome } from "./outcome.ts";

/** Warmup (if any), then the measured job with the target process's CPU read around it. */
export async function measure(
  load: LoadClient,
  pid: number,
  prepared: PreparedScenario,
): Promise<Outcome> {
  if (prepared.warmup) await load.run(await prepared.warmup());
  const job: LoadJob = await prepared.measured();
  const before = processCpuSeconds(pid);
  const loadBefore = processCpuSeconds(load.pid);
  const result = await load.run(job);
  const cpuSeconds = processCpuSeconds(pid) - before;
  const loadSeconds = processCpuSeconds(load.pid) - loadBefore;
  return {
    status: "measured",
    result,
    processCpuMs: result.total ? (cpuSeconds * 1000) / result.total : 0,
    processCores: cpuSeconds / result.durationS,
    loadCores: loadSeconds / result.durationS,
  };
}

/** Turns a failure to prepare into an outcome: 404s say "not available yet", never a number. */
export function failedOutcome(error: unknown): Outcome {
  if (error instanceof EndpointUnavailable) {
    return {
      status: "unavailable",
      endpoint: error.endpoint,
      httpStatus: error.status,
      detail: error.message,
    };
  }
  return { status: "failed", error: (error as Error).message };
}

export async function runScenario(
  scenario: Scenario,
  target: BenchTarget,
  load: LoadClient,
  profile: Profile,
): Promise<Outcome> {
  try {
    const metadata = await fetchMetadata(target.issuer);
    const prepared = await scenario.prepare({ target, metadata, profile });
    return await measure(load, target.pid, prepared);
  } catch (error) {
    return failedOutcome(error);
  }
}
