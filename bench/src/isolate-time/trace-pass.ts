import path from "node:path";
import { ceilingScenario } from "../ceiling/ceiling-job.ts";
import { type CeilingBuild, startCeilingMiniflare } from "../ceiling/start-ceiling.ts";
import type { LoadClient } from "../load/load-client.ts";
import { fetchMetadata } from "../oauth/metadata.ts";
import { TRACE } from "../profile.ts";
import type { PreparedScenario, Scenario } from "../scenarios/scenario.ts";
import { startOurs } from "../targets/start-ours.ts";
import { type IsolateTime, isolateTime } from "./parse-trace.ts";
import { traceWindow } from "./trace-window.ts";
import { withTracedWorkerd, writeTracedWorkerd } from "./traced-workerd.ts";

async function tracedRun(
  load: LoadClient,
  file: string,
  frontWorker: string,
  prepared: PreparedScenario,
): Promise<IsolateTime> {
  if (prepared.warmup) await load.run(await prepared.warmup());
  const job = await prepared.measured();
  const { value, whole, window } = await traceWindow(file, () => load.run(job));
  return { ...isolateTime(whole, window, frontWorker), units: value.ok };
}

/**
 * Reruns the given scenarios briefly on a fresh system whose workerd writes an async trace, and
 * reads each request's isolate time from it. Slower than the measured runs (tracing costs), so
 * only the per-request times are taken from here, never throughput.
 */
export async function traceOurs(
  scenarios: readonly Scenario[],
  load: LoadClient,
  dir: string,
): Promise<Map<string, IsolateTime>> {
  const file = path.join(dir, "ours-trace.jsonl");
  const wrapper = await writeTracedWorkerd(dir, file);
  const target = await withTracedWorkerd(wrapper, () => startOurs());
  const times = new Map<string, IsolateTime>();
  try {
    const metadata = await fetchMetadata(target.issuer);
    for (const scenario of scenarios) {
      const prepared = await scenario.prepare({ target, metadata, profile: TRACE });
      times.set(scenario.id, await tracedRun(load, file, "core:user:authpi-idp-api", prepared));
    }
  } finally {
    await target.stop();
    await target.removeState();
  }
  return times;
}

/** The same reading for the ceiling worker. */
export async function traceCeiling(
  build: CeilingBuild,
  load: LoadClient,
  dir: string,
): Promise<IsolateTime> {
  const file = path.join(dir, "ceiling-trace.jsonl");
  const wrapper = await writeTracedWorkerd(dir, file);
  const worker = await withTracedWorkerd(wrapper, () => startCeilingMiniflare(build));
  try {
    return await tracedRun(load, file, "core:user:ceiling", ceilingScenario(worker.url, TRACE));
  } finally {
    await worker.stop();
  }
}
