import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { copyFile, mkdir, readFile } from "node:fs/promises";
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
    plugins: [wasmModules(path.dirname(outfile)), textModules],
  };
}

/** `*.umd.min.js` imports are text, as the IdP's wrangler.toml `[[rules]]` says (its page scripts). */
const textModules: esbuild.Plugin = {
  name: "text-modules",
  setup(build) {
    build.onLoad({ filter: /\.umd\.min\.js$/ }, async (args) => ({
      contents: await readFile(args.path, "utf8"),
      loader: "text",
    }));
  },
};

/**
 * `.wasm` imports stay imports of a file copied beside the bundle, as wrangler does: Workers
 * compile WebAssembly only at upload, and Miniflare loads such a file as a compiled module.
 */
function wasmModules(outDir: string): esbuild.Plugin {
  return {
    name: "wasm-modules",
    setup(build) {
      build.onResolve({ filter: /\.wasm$/ }, async (args) => {
        if (args.pluginData === "wasm") return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: "wasm",
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const name = path.basename(resolved.path);
        await mkdir(outDir, { recursive: true });
        await copyFile(resolved.path, path.join(outDir, name));
        return { path: `./${name}`, external: true };
      });
    },
  };
}

/**
 * A bundle's modules as Miniflare's options name them: the script first, then each `.wasm`
 * beside it as a compiled module (Miniflare does not follow a script's imports itself).
 */
export function bundleModules(scriptPath: string) {
  const modulesRoot = path.dirname(scriptPath);
  const wasm = readdirSync(modulesRoot).filter((file) => file.endsWith(".wasm"));
  return {
    modulesRoot,
    modules: [
      { type: "ESModule" as const, path: scriptPath },
      ...wasm.map((file) => ({
        type: "CompiledWasm" as const,
        path: path.join(modulesRoot, file),
      })),
    ],
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
  const options = bundleOptions(entry, outfile);
  const context = await esbuild.context({
    ...options,
    plugins: [
      ...(options.plugins ?? []),
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
