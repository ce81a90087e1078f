import { spawn, spawnSync } from "node:child_process";
import { REPO_ROOT } from "@authpi/local-system/paths";

export interface Step {
  title: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Runs one step with its output on the terminal; true when it exits 0. */
export function runStep({ title, command, args, env = {} }: Step): boolean {
  console.log(`\n▶ ${title}`);
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    stdio: "inherit",
    env: { ...process.env, ...env },
  });
  console.log(`◀ ${title}: ${result.status === 0 ? "ok" : "failed"} in ${seconds(started)}`);
  return result.status === 0;
}

function runBuffered({ title, command, args, env = {} }: Step): Promise<boolean> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d;
    });
    child.on("error", (error) => {
      output += String(error);
    });
    child.on("close", (status) => {
      // Printed whole when done, so parallel steps never interleave their lines.
      console.log(`\n▶ ${title}\n${output.trimEnd()}`);
      console.log(`◀ ${title}: ${status === 0 ? "ok" : "failed"} in ${seconds(started)}`);
      resolve(status === 0);
    });
  });
}

/** Runs steps `concurrency` at a time; resolves to how many failed. */
export async function runStepsInParallel(steps: Step[], concurrency: number): Promise<number> {
  const queue = [...steps];
  let failed = 0;
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift())
      if (!(await runBuffered(next))) failed++;
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return failed;
}
