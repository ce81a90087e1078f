import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./paths.ts";

const run = promisify(execFile);

/** Applies D1 migrations to the local database with `wrangler d1 migrations apply`. */
export async function applyMigrations(persistDir: string): Promise<void> {
  const wrangler = path.join(REPO_ROOT, "node_modules/.bin/wrangler");
  await run(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
  });
}
