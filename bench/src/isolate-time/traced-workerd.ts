import { chmod, writeFile } from "node:fs/promises";
import path from "node:path";
import { workerdBinary } from "../runtimes/workerd-binary.ts";

/**
 * A wrapper that runs Miniflare's workerd with `--async-trace <file>`: workerd then records
 * every turn each request context held the isolate lock, which is its CPU time on the isolate.
 * Miniflare runs whatever MINIFLARE_WORKERD_PATH names.
 */
export async function writeTracedWorkerd(dir: string, traceFile: string): Promise<string> {
  const wrapper = path.join(dir, "workerd-traced.sh");
  const quote = (text: string) => `'${text.replace(/'/g, "'\\''")}'`;
  await writeFile(
    wrapper,
    `#!/bin/sh\nshift\nexec ${quote(workerdBinary().default)} serve --async-trace ${quote(traceFile)} "$@"\n`,
  );
  await chmod(wrapper, 0o755);
  return wrapper;
}

/** Runs `start` with Miniflare pointed at the traced workerd, then restores the environment. */
export async function withTracedWorkerd<T>(wrapper: string, start: () => Promise<T>): Promise<T> {
  const previous = process.env.MINIFLARE_WORKERD_PATH;
  process.env.MINIFLARE_WORKERD_PATH = wrapper;
  try {
    return await start();
  } finally {
    if (previous === undefined) delete process.env.MINIFLARE_WORKERD_PATH;
    else process.env.MINIFLARE_WORKERD_PATH = previous;
  }
}
