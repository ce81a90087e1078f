import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import type { LoadJob, LoadResult } from "./load-job.ts";

type Reply = { id: number; result?: LoadResult; error?: string };

/** The bench's handle on the load process: forks it once, sends jobs, waits for results. */
export class LoadClient {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, (reply: Reply) => void>();
  #next = 0;

  constructor() {
    this.#child = fork(path.join(import.meta.dirname, "load-process.ts"), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    this.#child.on("message", (reply: Reply) => this.#pending.get(reply.id)?.(reply));
    this.#child.on("exit", (code) => {
      for (const settle of this.#pending.values())
        settle({ id: -1, error: `load process exited (${code})` });
    });
  }

  get pid(): number {
    return this.#child.pid ?? 0;
  }

  run(job: LoadJob): Promise<LoadResult> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, (reply) => {
        this.#pending.delete(id);
        if (reply.result) resolve(reply.result);
        else reject(new Error(reply.error ?? "no result"));
      });
      this.#child.send({ id, job });
    });
  }

  async close(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once("exit", resolve));
    this.#child.disconnect();
    this.#child.kill("SIGTERM");
    await exited;
  }
}
