// The load generator's own process: the bench forks it so that driving load never shares a
// process with the servers under test. It runs one job at a time, sent over IPC.
import { runFlowLoad } from "./flow-load.ts";
import { runHttpLoad } from "./http-load.ts";
import type { LoadJob } from "./load-job.ts";

process.on("message", async (message: { id: number; job: LoadJob }) => {
  try {
    const { job } = message;
    const result = job.kind === "flow" ? await runFlowLoad(job) : await runHttpLoad(job);
    process.send?.({ id: message.id, result });
  } catch (error) {
    process.send?.({ id: message.id, error: (error as Error).stack ?? String(error) });
  }
});
