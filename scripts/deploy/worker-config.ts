import path from "node:path";
import { WORKERS } from "@authpi/local-system/paths";
import { experimental_readRawConfig } from "wrangler";
import type { DeploySettings } from "./settings.ts";

/** The parts of a worker's wrangler.toml that change per environment. */
export interface RawWorkerConfig {
  name: string;
  main: string;
  vars?: Record<string, string>;
  secrets?: { required?: string[] };
  d1_databases?: {
    binding: string;
    database_name: string;
    database_id: string;
    migrations_dir?: string;
  }[];
  durable_objects?: { bindings: { name: string; class_name: string; script_name?: string }[] };
  queues?: {
    producers?: { binding: string; queue: string }[];
    consumers?: { queue: string; dead_letter_queue?: string }[];
  };
  ratelimits?: { name: string; namespace_id: string }[];
  [key: string]: unknown;
}

export interface WorkerSource {
  dir: string;
  configPath: string;
  raw: RawWorkerConfig;
}

/** The three workers in deploy order: the IdP (owns the Durable Object) first. */
export function readWorkers(root: string): WorkerSource[] {
  return WORKERS.map(({ dir }) => {
    const configPath = path.join(root, dir, "wrangler.toml");
    const { rawConfig } = experimental_readRawConfig({ config: configPath });
    return { dir, configPath, raw: rawConfig as unknown as RawWorkerConfig };
  });
}

/** Every D1 database and queue (dead-letter queues included) the workers name, per environment. */
export function resourceNames(workers: WorkerSource[], suffix: string) {
  const databases = new Set<string>();
  const queues = new Set<string>();
  for (const { raw } of workers) {
    for (const db of raw.d1_databases ?? []) databases.add(db.database_name + suffix);
    for (const p of raw.queues?.producers ?? []) queues.add(p.queue + suffix);
    for (const c of raw.queues?.consumers ?? []) {
      queues.add(c.queue + suffix);
      if (c.dead_letter_queue) queues.add(c.dead_letter_queue + suffix);
    }
  }
  return { databases: [...databases], queues: [...queues] };
}

const DOMAINS: Record<string, "IDP_DOMAIN" | "CORE_API_DOMAIN"> = {
  "workers/idp-api": "IDP_DOMAIN",
  "workers/core-api": "CORE_API_DOMAIN",
};

/**
 * The worker's wrangler configuration for one environment: its resource names suffixed, the
 * D1 id found or created, vars overridden by the environment's settings of the same name (and
 * vars naming a queue renamed with it), a
 * custom domain when one is set. Written under .authpi/deploy, never edited.
 */
export function environmentConfig(
  worker: WorkerSource,
  settings: DeploySettings,
  databaseIds: Record<string, string>,
): Record<string, unknown> {
  const { raw } = worker;
  const base = path.dirname(worker.configPath);
  const s = settings.suffix;
  const offset = Number(settings.RATE_LIMIT_NAMESPACE_OFFSET || 0);
  const queues = new Set(resourceNames([worker], "").queues);
  const vars = Object.fromEntries(
    Object.entries(raw.vars ?? {}).map(([key, value]) => {
      const setting = (settings as unknown as Record<string, string | undefined>)[key];
      // A var naming one of the worker's queues follows the queue's per-environment name.
      return [key, setting ? setting : queues.has(value) ? value + s : value];
    }),
  );
  const domainSetting = DOMAINS[worker.dir];
  const domain = domainSetting ? settings[domainSetting] : "";
  return {
    ...raw,
    name: raw.name + s,
    main: path.resolve(base, raw.main),
    vars,
    d1_databases: (raw.d1_databases ?? []).map((db) => ({
      ...db,
      database_name: db.database_name + s,
      database_id: databaseIds[db.database_name + s],
      ...(db.migrations_dir ? { migrations_dir: path.resolve(base, db.migrations_dir) } : {}),
    })),
    durable_objects: {
      bindings: (raw.durable_objects?.bindings ?? []).map((b) =>
        b.script_name ? { ...b, script_name: b.script_name + s } : b,
      ),
    },
    queues: {
      producers: (raw.queues?.producers ?? []).map((p) => ({ ...p, queue: p.queue + s })),
      consumers: (raw.queues?.consumers ?? []).map((c) => ({
        ...c,
        queue: c.queue + s,
        ...(c.dead_letter_queue ? { dead_letter_queue: c.dead_letter_queue + s } : {}),
      })),
    },
    ratelimits: (raw.ratelimits ?? []).map((r) => ({
      ...r,
      namespace_id: String(Number(r.namespace_id) + offset),
    })),
    ...(domain ? { routes: [{ pattern: domain, custom_domain: true }], workers_dev: false } : {}),
  };
}
