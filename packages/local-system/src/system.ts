import path from "node:path";
import type { BuildContext } from "esbuild";
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from "miniflare";
import { buildWorker, bundleModules, watchWorker } from "./build.ts";
import { mailOutbox } from "./mail-outbox.ts";
import { applyMigrations } from "./migrate.ts";
import { REPO_ROOT, WORKERS } from "./paths.ts";
import { freePort } from "./ports.ts";
import { type LocalSecrets, localSecrets } from "./secrets.ts";
import { readWorkerSpec, type WorkerSpec } from "./worker-config.ts";

export interface LocalSystemOptions {
  /** Where D1, Durable Object and Queue state lives (wrangler's `--persist-to`). */
  persistDir: string;
  idpPort?: number;
  corePort?: number;
  /** Interface to listen on. */
  host?: string;
  /** Host name in the public URLs (issuer URLs use it). */
  publicHost?: string;
  /** Rebuild and reload the workers when their sources change. */
  watch?: boolean;
  logLevel?: "none" | "error" | "warn" | "info";
  /** Run cron triggers every minute, as Cloudflare would. */
  crons?: boolean;
  /** Vars to override in every worker (tests shrink webhook timeouts and retry delays). */
  vars?: Record<string, string>;
  /** Where the log mail transport keeps each email as an .eml file (`pnpm dev`: .authpi/mail). */
  mailDir?: string;
  /** Opens workerd's V8 inspector on this port (CPU profiles: `bench/profile-cpu.ts`). */
  inspectorPort?: number;
}

/**
 * Locally, webhooks may target http on loopback (a receiver on your machine), and targets are
 * not resolved over DNS-over-HTTPS (no outside network is assumed).
 */
const LOCAL_VARS = {
  WEBHOOK_URL_POLICY: "development",
  WEBHOOK_DOH_URL: "",
  // URL client ids may name a document on loopback over http (docs/client-id-metadata.md).
  CLIENT_METADATA_URL_POLICY: "development",
};

export interface LocalSystem {
  idpUrl: string;
  /** Where logged emails are kept as .eml files, when `mailDir` was given. */
  mailDir: string | null;
  coreUrl: string;
  secrets: LocalSecrets;
  mf: Miniflare;
  /** Milliseconds spent bundling, migrating, and from `new Miniflare` to workerd ready. */
  timings: { buildMs: number; migrateMs: number; runtimeReadyMs: number };
  /** `performance.now()` when the runtime was started, to time a cold start to first response. */
  runtimeStartedAt: number;
  /** The shared D1 database, for tests that inspect state. */
  d1(): ReturnType<Miniflare["getD1Database"]>;
  /** Runs a worker's scheduled handler now (what its cron trigger does). */
  runScheduled(workerName: string): Promise<void>;
  stop(): Promise<void>;
}

const LEVELS = {
  none: LogLevel.NONE,
  error: LogLevel.ERROR,
  warn: LogLevel.WARN,
  info: LogLevel.INFO,
};

/**
 * Starts the three workers on workerd through Miniflare's API, with local D1, Durable Objects
 * and Queues: the same system `pnpm dev` runs and the cross-worker tests talk to over HTTP.
 */
export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const persistDir = path.resolve(options.persistDir);
  const host = options.host ?? "127.0.0.1";
  const publicHost = options.publicHost ?? "localhost";
  const idpPort = options.idpPort || (await freePort());
  const corePort = options.corePort || (await freePort());
  const idpUrl = `http://${publicHost}:${idpPort}`;
  const coreUrl = `http://${publicHost}:${corePort}`;
  const secrets = await localSecrets(persistDir);
  const migrateStart = performance.now();
  await applyMigrations(persistDir);
  const migrateMs = performance.now() - migrateStart;

  const bindings = { ...secrets, IDP_BASE_URL: idpUrl, ...LOCAL_VARS, ...options.vars };
  const specs = WORKERS.map((w) =>
    readWorkerSpec(path.join(REPO_ROOT, w.dir, "wrangler.toml"), bindings),
  );
  const ports: Record<string, number> = { "authpi-idp-api": idpPort, "authpi-core-api": corePort };
  const buildDir = path.join(persistDir, "..", "build");

  const outbox = options.mailDir
    ? mailOutbox(path.resolve(options.mailDir), (line) => {
        if (options.logLevel !== "none" && options.logLevel !== "error") console.log(line);
      })
    : undefined;
  let mf: Miniflare | undefined;
  let reloading = Promise.resolve();
  const contexts: BuildContext[] = [];
  const buildStart = performance.now();
  const scripts = await Promise.all(
    specs.map(async (spec) => {
      if (!options.watch) return buildWorker(spec.main, buildDir, spec.name);
      const context = await watchWorker(spec.main, buildDir, spec.name, () => {
        reloading = reloading.then(() => mf?.setOptions(miniflareOptions())).catch(console.error);
      });
      contexts.push(context);
      return path.join(buildDir, spec.name, "index.js");
    }),
  );

  const miniflareOptions = () =>
    convertV4MiniflareOptions({
      resourcePersistencePath: path.join(persistDir, "v3"),
      ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
      log: new Log(LEVELS[options.logLevel ?? "warn"]),
      // No network here: never fetch the Request.cf object from Cloudflare.
      cf: false,
      workers: specs.map((spec, i) => ({
        ...spec.options,
        name: spec.name,
        // Module names are relative to the bundle's folder; workerd refuses names with "..".
        ...bundleModules(scripts[i] as string),
        ...(ports[spec.name] ? { unsafeDirectSockets: [{ host, port: ports[spec.name] }] } : {}),
        ...(spec.name === "authpi-webhook-dispatcher" && outbox
          ? { serviceBindings: { MAIL_OUTBOX: outbox } }
          : {}),
      })),
    } as Parameters<typeof convertV4MiniflareOptions>[0]);

  const buildMs = performance.now() - buildStart;
  const runtimeStartedAt = performance.now();
  mf = new Miniflare(miniflareOptions());
  await mf.ready;
  const timings = { buildMs, migrateMs, runtimeReadyMs: performance.now() - runtimeStartedAt };
  const started = mf;

  const runScheduled = async (workerName: string) => {
    const spec = specs.find((s) => s.name === workerName) as WorkerSpec;
    const worker = await started.getWorker(workerName);
    for (const cron of spec.crons) await worker.scheduled({ cron, scheduledTime: new Date() });
  };
  const timer = options.crons
    ? setInterval(() => {
        for (const spec of specs)
          if (spec.crons.length) runScheduled(spec.name).catch(console.error);
      }, 60_000)
    : undefined;

  return {
    idpUrl,
    mailDir: options.mailDir ? path.resolve(options.mailDir) : null,
    coreUrl,
    secrets,
    mf: started,
    timings,
    runtimeStartedAt,
    d1: () => started.getD1Database("DB", "authpi-core-api"),
    runScheduled,
    async stop() {
      if (timer) clearInterval(timer);
      await Promise.all(contexts.map((context) => context.dispose()));
      await started.dispose();
    },
  };
}
