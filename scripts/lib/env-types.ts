import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO_ROOT, WORKERS } from "@authpi/local-system/paths";

/** The checked-in file that `wrangler types` writes for each worker. */
export const TYPES_FILE = "worker-configuration.d.ts";

/** Where a worker's generated bindings live, relative to the repository root. */
export function typesPath(workerDir: string): string {
  return path.join(workerDir, TYPES_FILE);
}

/**
 * Runs `wrangler types` for one worker from the repository root, so the command line recorded
 * in the file's header is the same on every machine. Runtime types come from
 * @cloudflare/workers-types; vars are typed as strings, not as their default literals.
 */
export function generateEnvTypes(workerDir: string): void {
  const result = spawnSync(
    path.join(REPO_ROOT, "node_modules/.bin/wrangler"),
    [
      "types",
      "--config",
      path.join(workerDir, "wrangler.toml"),
      "--include-runtime=false",
      "--strict-vars=false",
      typesPath(workerDir),
    ],
    { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  if (result.status !== 0) {
    throw new Error(`wrangler types failed for ${workerDir}:\n${result.stderr}${result.stdout}`);
  }
}

export const WORKER_DIRS: string[] = WORKERS.map((w) => w.dir);
