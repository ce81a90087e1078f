import path from "node:path";
import { buildWorker } from "@authpi/local-system/build";
import { REPO_ROOT } from "@authpi/local-system/paths";
import { freePort } from "@authpi/local-system/ports";
import { readWorkerSpec } from "@authpi/local-system/worker-config";
import { exportJWK, generateKeyPair } from "jose";
import { childPids } from "../measure/process-cpu.ts";
import { startMiniflareWorker } from "../runtimes/miniflare-worker.ts";
import { startPlainWorkerd } from "../runtimes/plain-workerd.ts";
import { waitReady } from "../runtimes/wait-ready.ts";
import { newWorkerdPid } from "../targets/start-ours.ts";

const ENTRY = path.join(import.meta.dirname, "worker.ts");
/** The IdP worker's own compatibility date, so the ceiling runs the same runtime behaviour. */
export const COMPATIBILITY_DATE = String(
  readWorkerSpec(path.join(REPO_ROOT, "workers/idp-api/wrangler.toml"), {}).options
    .compatibilityDate,
);

export interface RunningWorker {
  url: string;
  pid: number;
  /** Runtime start to the first successful response. */
  coldStartMs: number;
  stop(): Promise<void>;
}

export interface CeilingBuild {
  script: string;
  textBindings: Record<string, string>;
}

/** Bundles the ceiling worker and makes its ES256 key (a JWK handed over as a text binding). */
export async function buildCeiling(outDir: string): Promise<CeilingBuild> {
  const script = await buildWorker(ENTRY, outDir, "ceiling");
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "ceiling-es256", alg: "ES256" };
  return { script, textBindings: { SIGNING_JWK: JSON.stringify(jwk) } };
}

/** The ceiling the way our workers run: Miniflare's API, workerd, a direct socket. */
export async function startCeilingMiniflare(build: CeilingBuild): Promise<RunningWorker> {
  const port = await freePort();
  const before = childPids(process.pid, "workerd");
  const started = performance.now();
  const mf = await startMiniflareWorker({
    ...build,
    port,
    compatibilityDate: COMPATIBILITY_DATE,
    durableObjects: { STORE: "CeilingStore" },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, { expect: 200 });
  return {
    url,
    pid: newWorkerdPid(before),
    coldStartMs: performance.now() - started,
    stop: () => mf.dispose(),
  };
}

/** The same bundle on `workerd serve` with a hand-written capnp config (nothing else in front). */
export async function startCeilingPlain(build: CeilingBuild): Promise<RunningWorker> {
  const port = await freePort();
  const started = performance.now();
  const worker = await startPlainWorkerd({ ...build, port, compatibilityDate: COMPATIBILITY_DATE });
  await waitReady(worker.url, { expect: 200 });
  return {
    url: worker.url,
    pid: worker.pid,
    coldStartMs: performance.now() - started,
    stop: () => worker.stop(),
  };
}
