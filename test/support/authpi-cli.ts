import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "@authpi/local-system/paths";
import type { SystemEndpoints } from "./system.ts";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const MAIN = path.join(REPO_ROOT, "packages/cli/src/main.ts");

/** The environment a pipeline gives `authpi`: the seeded owner key and the Core API URL. */
export function cliEnv(system: SystemEndpoints): Record<string, string> {
  return {
    AUTHPI_BASE_URL: system.coreUrl,
    AUTHPI_API_KEY: `${system.seed.api_key_id}:${system.seed.api_key_secret}`,
  };
}

/** Runs the real `authpi` binary as a process, as CI would, and collects its output and exit code. */
export function authpi(
  args: string[],
  options: {
    env: Record<string, string>;
    cwd?: string;
    timeoutMs?: number;
    /** Sees stderr as it arrives (to wait for a long-running command to be ready). */
    onStderr?: (text: string) => void;
  },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      // Only what a pipeline sets: no profile file, no inherited AUTHPI_* from the developer.
      env: { PATH: process.env.PATH ?? "", HOME: "/nonexistent", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      options.onStderr?.(stderr);
    });
    const timer = setTimeout(() => child.kill("SIGTERM"), options.timeoutMs ?? 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
