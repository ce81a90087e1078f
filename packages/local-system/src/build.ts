import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import * as esbuild from "esbuild";

/** esbuild options matching what wrangler does for a modules worker. */
export function bundleOptions(entry: string, outfile: string): esbuild.BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2023",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["cloudflare:*", "node:*"],
    sourcemap: "linked",
    logLevel: "warning",
  };
}

/** Bundles a worker once; returns the output file. */
export async function buildWorker(entry: string, outDir: string, name: string): Promise<string> {
  const outfile = path.join(outDir, name, "index.js");
  await esbuild.build(bundleOptions(entry, outfile));
  return outfile;
}

/** Bundles a worker and rebuilds on change, calling `onRebuild` when the bundle changed. */
export async function watchWorker(
  entry: string,
  outDir: string,
  name: string,
  onRebuild: () => void,
): Promise<esbuild.BuildContext> {
  const outfile = path.join(outDir, name, "index.js");
  let lastHash: string | undefined;
  const context = await esbuild.context({
    ...bundleOptions(entry, outfile),
    plugins: [
      {
        name: "notify",
        setup(build) {
          build.onEnd(async (result) => {
            if (result.errors.length > 0) return;
            const hash = createHash("sha256")
              .update(await readFile(outfile))
              .digest("hex");
            const changed = lastHash !== undefined && hash !== lastHash;
            lastHash = hash;
            if (changed) onRebuild();
          });
        },
      },
    ],
  });
  await context.rebuild();
  await context.watch();
  return context;
}
