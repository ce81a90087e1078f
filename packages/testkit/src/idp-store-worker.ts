import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildWorker, bundleModules } from "@authpi/local-system/build";
import { readWorkerSpec } from "@authpi/local-system/worker-config";
import { TEST_SECRETS } from "./test-secrets.ts";

const root = path.resolve(import.meta.dirname, "../../..");

/**
 * The IdP worker as an auxiliary worker of another worker's test pool, so that worker's
 * `script_name` binding reaches the real IssuerStore Durable Object (e.g. the Core API
 * managing sessions). Only the object is used; the IdP's routes are tested on their own.
 */
export async function idpStoreWorker() {
  const spec = readWorkerSpec(path.join(root, "workers/idp-api/wrangler.toml"), TEST_SECRETS);
  const outDir = await mkdtemp(path.join(os.tmpdir(), "authpi-idp-store-"));
  const scriptPath = await buildWorker(spec.main, outDir, "idp-api");
  const { queueConsumers: _consumers, ...options } = spec.options as Record<string, unknown>;
  return {
    name: spec.name,
    ...bundleModules(scriptPath),
    ...options,
  };
}
