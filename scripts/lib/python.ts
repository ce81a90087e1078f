import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "@authpi/local-system/paths";

export interface SuiteCounts {
  passed: number;
  failed: number;
  skipped: number;
}

const SUITE = path.join(REPO_ROOT, "test/python");
const VENV = path.join(REPO_ROOT, ".authpi/venv");

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { cwd: REPO_ROOT, stdio: "inherit" }).status === 0;
}

/** A virtualenv with the public SDKs from PyPI; undefined (and why) when it cannot be made. */
function prepareVenv(): string | undefined {
  const python = path.join(VENV, "bin/python");
  if (!existsSync(python) && !run("python3", ["-m", "venv", VENV])) {
    console.log("python3 -m venv failed: the Python SDK suites are skipped.");
    return undefined;
  }
  const requirements = path.join(SUITE, "requirements.txt");
  if (
    !run(python, ["-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", requirements])
  ) {
    console.log("PyPI is out of reach (pip install failed): the Python SDK suites are skipped.");
    return undefined;
  }
  return python;
}

/** Counts from pytest's JUnit XML. */
function junitCounts(file: string): SuiteCounts {
  const xml = readFileSync(file, "utf8");
  const suite = /<testsuite\b[^>]*>/.exec(xml)?.[0] ?? "";
  const attr = (name: string) => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(suite)?.[1] ?? 0);
  const failed = attr("failures") + attr("errors");
  const skipped = attr("skipped");
  return { passed: attr("tests") - failed - skipped, failed, skipped };
}

/**
 * Drives the public Python SDKs (authpi-idp, authpi-admin) against the running workers with
 * pytest. Without PyPI the suites are skipped, and the skip says why.
 */
export function runPythonSuites(): SuiteCounts {
  console.log("\n▶ Python SDK suites (pytest, public authpi-idp and authpi-admin)");
  const python = prepareVenv();
  if (!python) return { passed: 0, failed: 0, skipped: 1 };
  const report = path.join(REPO_ROOT, ".authpi/pytest.xml");
  rmSync(report, { force: true });
  const status = spawnSync(python, ["-m", "pytest", SUITE, "-q", `--junitxml=${report}`], {
    cwd: SUITE,
    stdio: "inherit",
  }).status;
  if (!existsSync(report)) return { passed: 0, failed: 1, skipped: 0 };
  const counts = junitCounts(report);
  // Exit 5 means no tests were collected; anything else non-zero is a failure.
  if (status !== 0 && status !== 5 && counts.failed === 0) counts.failed = 1;
  return counts;
}
