import { spawn } from "node:child_process";
import path from "node:path";
import { REPO_ROOT } from "@authpi/local-system/paths";

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

const WRANGLER = path.join(REPO_ROOT, "node_modules/.bin/wrangler");

/** Runs the wrangler CLI without a terminal (it never prompts), capturing its output. */
export function wrangler(args: string[], input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(WRANGLER, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", FORCE_COLOR: "0" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status: status ?? 1, stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** Like `wrangler`, but a non-zero exit throws with wrangler's own message. */
export async function wranglerOk(args: string[], input?: string): Promise<string> {
  const result = await wrangler(args, input);
  if (result.status !== 0) {
    throw new Error(
      `wrangler ${args.slice(0, 3).join(" ")} failed:\n${result.stderr || result.stdout}`,
    );
  }
  return result.stdout;
}

/** The first JSON value (array or object) in wrangler's output. */
export function parseJsonOutput<T>(stdout: string): T {
  const start = stdout.search(/^[[{]/m);
  if (start < 0) throw new Error(`wrangler printed no JSON:\n${stdout}`);
  return JSON.parse(stdout.slice(start)) as T;
}
