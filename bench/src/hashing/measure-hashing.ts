import path from "node:path";
import { buildWorker } from "@authpi/local-system/build";
import { freePort } from "@authpi/local-system/ports";
import { childPids, processCpuSeconds } from "../measure/process-cpu.ts";
import { startMiniflareWorker } from "../runtimes/miniflare-worker.ts";
import { waitReady } from "../runtimes/wait-ready.ts";
import { newWorkerdPid } from "../targets/start-ours.ts";

/** CPU of one password operation on workerd, measured over a batch. */
export interface HashingCost {
  id: string;
  title: string;
  cpuMsPerOp: number;
  wallMsPerOp: number;
  ops: number;
}

const OPERATIONS = [
  ["argon2id-hash", "Argon2id hash (m=19456 KiB, t=2, p=1): a new or changed password"],
  ["argon2id-verify", "Argon2id verify: the password check of a sign-in"],
  ["unknown-user", "Unknown username: the dummy Argon2id verify"],
  ["pbkdf2-verify", "PBKDF2-SHA256 verify (100,000 iterations, the legacy scheme)"],
  ["pbkdf2-upgrade", "Legacy sign-in: PBKDF2 verify, then the Argon2id re-hash"],
] as const;

const BATCH = 5;

/**
 * Runs each operation in sequential batches on one workerd (Miniflare, direct socket) and
 * divides the process's CPU (user + system, 10 ms ticks) by the operations run.
 */
export async function measureHashing(
  outDir: string,
  compatibilityDate: string,
  opsPerOperation = 40,
): Promise<HashingCost[]> {
  const script = await buildWorker(path.join(import.meta.dirname, "worker.ts"), outDir, "hashing");
  const port = await freePort();
  const before = childPids(process.pid, "workerd");
  const mf = await startMiniflareWorker({ script, port, compatibilityDate });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(url, { expect: 200 });
    const pid = newWorkerdPid(before);
    const costs: HashingCost[] = [];
    for (const [id, title] of OPERATIONS) {
      await post(`${url}/${id}?n=2`);
      const cpu = processCpuSeconds(pid);
      const started = performance.now();
      for (let done = 0; done < opsPerOperation; done += BATCH)
        await post(`${url}/${id}?n=${BATCH}`);
      const ops = Math.ceil(opsPerOperation / BATCH) * BATCH;
      costs.push({
        id,
        title,
        cpuMsPerOp: ((processCpuSeconds(pid) - cpu) * 1000) / ops,
        wallMsPerOp: (performance.now() - started) / ops,
        ops,
      });
    }
    return costs;
  } finally {
    await mf.dispose();
  }
}

async function post(url: string) {
  const response = await fetch(url, { method: "POST" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  await response.text();
}
