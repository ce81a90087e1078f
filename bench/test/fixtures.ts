import type { LoadResult } from "../src/load/load-job.ts";
import { FULL } from "../src/profile.ts";
import type { Outcome } from "../src/run/outcome.ts";
import type { BenchResults } from "../src/run/results.ts";

export function measured(perSecond: number, extra: Partial<LoadResult> = {}): Outcome {
  return {
    status: "measured",
    result: {
      total: perSecond * 5,
      ok: perSecond * 5,
      errors: 0,
      durationS: 5,
      perSecond,
      p50Ms: 1.5,
      p99Ms: 4.25,
      statusCodes: { 200: perSecond * 5 },
      ...extra,
    },
    processCpuMs: 0.2,
    processCores: 1,
  };
}

export const notFound: Outcome = {
  status: "unavailable",
  endpoint: "POST token (client_credentials)",
  httpStatus: 404,
  detail: "POST token (client_credentials) answered HTTP 404",
};

/** A run's results with client_credentials as given and nothing else. */
export function resultsWith(ours: Outcome, peer: Outcome, ceiling: Outcome): BenchResults {
  return {
    machine: {
      date: "2026-11-24T00:00:00.000Z",
      cpus: 2,
      model: "test CPU",
      memoryGiB: 24,
      loadAverage: [0, 0, 0],
      node: "v22",
      workerd: "1.0",
      oidcProvider: "9.13.3",
      autocannon: "9.0.0",
      stateStorage: { dir: "/tmp", filesystem: "ext4" },
    },
    profile: FULL,
    scenarios: [
      {
        id: "client_credentials",
        title: "client_credentials (POST /token)",
        unit: "request",
        bound: "one signature",
        ours,
        peer,
      },
    ],
    ceiling: { outcome: ceiling },
    bundles: [{ worker: "authpi-idp-api", rawBytes: 2_000_000, gzipBytes: 300_000 }],
    oursStartup: { buildMs: 1, migrateMs: 1, runtimeReadyMs: 1 },
    totalSeconds: 1,
  };
}
