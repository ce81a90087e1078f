// `pnpm test`: lint and typecheck, every vitest project (Workers pool, system, browser), then the
// Python SDK suites, and one closing line of counts. Exits non-zero on any failure.
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "@authpi/local-system/paths";
import { ensureChromium } from "./lib/chromium.ts";
import { runPythonSuites } from "./lib/python.ts";
import { runStep, runStepsInParallel } from "./lib/steps.ts";

const bin = (name: string) => path.join(REPO_ROOT, "node_modules/.bin", name);
const args = process.argv.slice(2);
const skipCheck = args.includes("--no-check");
// `pnpm check`: lint, bindings and typecheck only.
const onlyCheck = args.includes("--only-check");
const vitestArgs = args.filter((a) => a !== "--no-check" && a !== "--only-check");
// Every Node process below (tsc, vitest, wrangler, the CLI under test) reuses V8's compiled code.
process.env.NODE_COMPILE_CACHE ??= path.join(REPO_ROOT, ".authpi/cache/node-compile");

/** Every workspace folder with a tsconfig.json. */
function typecheckProjects(): string[] {
  return ["packages", "workers", "examples"]
    .flatMap((group) => readdirSync(path.join(REPO_ROOT, group)).map((name) => `${group}/${name}`))
    .concat(["test", "scripts", "bench"])
    .filter((dir) => existsSync(path.join(REPO_ROOT, dir, "tsconfig.json")));
}

let failedSteps = 0;
if (!skipCheck) {
  const biome = { title: "lint and format (biome)", command: bin("biome") };
  if (!runStep({ ...biome, args: ["check", "--error-on-warnings", "."] })) failedSteps++;
  // Before the typecheck: stale generated bindings would make it check the wrong Env.
  const envTypes = { title: "generated bindings match wrangler.toml", command: process.execPath };
  if (!runStep({ ...envTypes, args: ["scripts/check-env-types.ts"] })) failedSteps++;
  // Each project is its own program (workers types or Node types): two at a time, one per core.
  const typechecks = typecheckProjects().map((project) => ({
    title: `typecheck ${project} (tsc)`,
    command: bin("tsc"),
    args: ["--noEmit", "-p", project],
  }));
  failedSteps += await runStepsInParallel(typechecks, 2);
}

if (onlyCheck) {
  console.log(`\ncheck: ${failedSteps} failed`);
  process.exit(failedSteps > 0 ? 1 : 0);
}

const chromium = ensureChromium();
const report = path.join(REPO_ROOT, ".authpi", "vitest-report.json");
rmSync(report, { force: true });
runStep({
  title: "vitest (Workers pool, system and browser tests)",
  command: bin("vitest"),
  args: [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${report}`,
    ...vitestArgs,
  ],
  env: chromium ? { CHROMIUM_PATH: chromium } : { AUTHPI_NO_BROWSER: "Chromium is not installed" },
});

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    numFailedTestSuites: number;
    success: boolean;
  };
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A file that fails to load fails no test but must still fail the run.
  if (!json.success && json.numFailedTests === 0) failed += Math.max(json.numFailedTestSuites, 1);
  skipped += json.numPendingTests + json.numTodoTests;
} else {
  console.error("vitest wrote no report: counting the run as failed");
  failed++;
}

if (vitestArgs.length === 0) {
  const python = runPythonSuites();
  passed += python.passed;
  failed += python.failed;
  skipped += python.skipped;
}

console.log(`\ntests: ${passed} passed, ${failed + failedSteps} failed, ${skipped} skipped`);
process.exit(failed + failedSteps > 0 ? 1 : 0);
