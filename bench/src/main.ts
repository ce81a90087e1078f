// `pnpm bench`: AuthPI Edge against oidc-provider and the ceiling, written to BENCHMARKS.md.
// `--smoke` runs discovery only for a second per system (CI proves the harness with it).
import path from "node:path";
import { parseArgs } from "node:util";
import { REPO_ROOT } from "@authpi/local-system/paths";
import { FULL, SMOKE } from "./profile.ts";
import { writeReport } from "./report/write-report.ts";
import { runBench } from "./run/run-bench.ts";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    only: { type: "string" },
    duration: { type: "string" },
    rounds: { type: "string" },
    "cold-starts": { type: "string" },
    out: { type: "string" },
    chart: { type: "string" },
  },
});

const smoke = values.smoke;
const base = smoke ? SMOKE : FULL;
const profile = {
  ...base,
  ...(values.duration ? { durationS: Number(values.duration) } : {}),
  ...(values.rounds ? { rounds: Math.max(1, Math.trunc(Number(values.rounds)) || 1) } : {}),
};
const out = path.resolve(
  values.out ?? path.join(REPO_ROOT, smoke ? "bench/results/smoke.md" : "BENCHMARKS.md"),
);
const chart = path.resolve(
  values.chart ?? (smoke ? out.replace(/\.md$/, ".svg") : path.join(REPO_ROOT, "bench/chart.svg")),
);

const results = await runBench({
  profile,
  only: values.only?.split(",") ?? (smoke ? ["discovery"] : undefined),
  coldStartRuns: Number(values["cold-starts"] ?? (smoke ? 0 : 5)),
  bundles: !smoke,
  trace: !smoke,
  runtimeComparison: !smoke,
  hashing: !smoke && (!values.only || values.only.split(",").includes("password_hashing")),
  log: (line) => console.log(`[bench] ${line}`),
});
await writeReport(results, {
  markdown: out,
  chart,
  json: path.join(REPO_ROOT, "bench/results", smoke ? "smoke.json" : "latest.json"),
});
console.log(
  `[bench] wrote ${path.relative(REPO_ROOT, out)} and ${path.relative(REPO_ROOT, chart)} in ${results.totalSeconds.toFixed(0)} s`,
);
