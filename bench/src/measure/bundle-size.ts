import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { REPO_ROOT, WORKERS } from "@authpi/local-system/paths";

const run = promisify(execFile);

export interface BundleSize {
  worker: string;
  rawBytes: number;
  gzipBytes: number;
}

/** What `wrangler deploy` would upload for each worker (`--dry-run --outdir`), raw and gzipped. */
export async function bundleSizes(outDir: string): Promise<BundleSize[]> {
  const wrangler = path.join(REPO_ROOT, "node_modules/.bin/wrangler");
  const sizes: BundleSize[] = [];
  for (const worker of WORKERS) {
    const dir = path.join(outDir, worker.name);
    await run(
      wrangler,
      ["deploy", "--dry-run", "--outdir", dir, "-c", path.join(worker.dir, "wrangler.toml")],
      { cwd: REPO_ROOT, env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" } },
    );
    const modules = (await readdir(dir)).filter((file) => /\.(m?js|wasm)$/.test(file));
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const file of modules) {
      const content = await readFile(path.join(dir, file));
      rawBytes += content.length;
      gzipBytes += gzipSync(content).length;
    }
    sizes.push({ worker: worker.name, rawBytes, gzipBytes });
  }
  return sizes;
}
