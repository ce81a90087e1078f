import { bundleModules } from "@authpi/local-system/build";
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from "miniflare";

export interface MiniflareWorkerOptions {
  script: string;
  port: number;
  compatibilityDate: string;
  textBindings?: Record<string, string>;
  /** SQLite-backed Durable Object classes the script exports, by binding name. */
  durableObjects?: Record<string, string>;
}

/** One modules worker on workerd through Miniflare's API, served on a direct socket. */
export async function startMiniflareWorker(options: MiniflareWorkerOptions): Promise<Miniflare> {
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      log: new Log(LogLevel.ERROR),
      cf: false,
      workers: [
        {
          name: "ceiling",
          ...bundleModules(options.script),
          compatibilityDate: options.compatibilityDate,
          bindings: options.textBindings ?? {},
          durableObjects: Object.fromEntries(
            Object.entries(options.durableObjects ?? {}).map(([binding, className]) => [
              binding,
              { className, useSQLite: true },
            ]),
          ),
          unsafeDirectSockets: [{ host: "127.0.0.1", port: options.port }],
        },
      ],
    } as Parameters<typeof convertV4MiniflareOptions>[0]),
  );
  await mf.ready;
  return mf;
}
