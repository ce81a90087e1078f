import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";
import { SMOKE } from "../src/profile.ts";
import { writeReport } from "../src/report/write-report.ts";
import { runBench } from "../src/run/run-bench.ts";

const dir = await mkdtemp(path.join(os.tmpdir(), "authpi-bench-smoke-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

test("the harness measures discovery on ours, oidc-provider and the ceiling, and writes the report", async () => {
  const results = await runBench({
    profile: SMOKE,
    only: ["discovery"],
    coldStartRuns: 0,
    bundles: false,
    trace: false,
    runtimeComparison: false,
    hashing: false,
    log: () => {},
  });
  const [discovery] = results.scenarios;
  for (const outcome of [discovery?.ours, discovery?.peer, results.ceiling.outcome]) {
    expect(outcome?.status).toBe("measured");
    if (outcome?.status !== "measured") continue;
    expect(outcome.result.ok).toBeGreaterThan(0);
    expect(outcome.result.errors).toBe(0);
    expect(outcome.processCpuMs).toBeGreaterThan(0);
  }

  const files = { markdown: path.join(dir, "B.md"), chart: path.join(dir, "chart.svg") };
  await writeReport(results, files);
  const markdown = await readFile(files.markdown, "utf8");
  expect(markdown).toContain("**smoke run**");
  expect(markdown).toMatch(
    /\| Discovery \(GET \/\.well-known\/openid-configuration\) \| [\d,]+ \|/,
  );
  expect(markdown).toContain("![Throughput per scenario](chart.svg)");
  expect(await readFile(files.chart, "utf8")).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
});
