import path from "node:path";
import { unstable_readConfig } from "wrangler";

/** The parts of a parsed wrangler.toml this project uses. */
interface WranglerConfig {
  name?: string;
  main?: string;
  compatibility_date?: string;
  compatibility_flags: string[];
  vars: Record<string, string>;
  migrations: { new_sqlite_classes?: string[] }[];
  d1_databases: { binding: string; database_id?: string }[];
  durable_objects: { bindings: { name: string; class_name: string; script_name?: string }[] };
  queues: {
    producers?: { binding: string; queue: string }[];
    consumers?: {
      queue: string;
      max_batch_size?: number;
      max_batch_timeout?: number;
      max_retries?: number;
      dead_letter_queue?: string;
    }[];
  };
  triggers: { crons?: string[] };
  ratelimits?: { name: string; namespace_id: string; simple: { limit: number; period: 10 | 60 } }[];
}

export interface WorkerSpec {
  name: string;
  main: string;
  crons: string[];
  /** Miniflare (v4 shape) options derived from the worker's wrangler.toml. */
  options: Record<string, unknown>;
}

/**
 * Reads a worker's wrangler.toml and maps the bindings this project uses (vars, D1, Durable
 * Objects, Queues) to Miniflare options, so wrangler.toml stays the one source of truth.
 */
export function readWorkerSpec(configPath: string, bindings: Record<string, string>): WorkerSpec {
  const config = unstable_readConfig(
    { config: configPath },
    { hideWarnings: true },
  ) as unknown as WranglerConfig;
  const sqliteClasses = new Set(config.migrations.flatMap((m) => m.new_sqlite_classes ?? []));
  const main = path.resolve(path.dirname(configPath), config.main ?? "src/index.ts");
  return {
    name: config.name ?? path.basename(path.dirname(configPath)),
    main,
    crons: config.triggers.crons ?? [],
    options: {
      compatibilityDate: config.compatibility_date,
      compatibilityFlags: config.compatibility_flags,
      bindings: { ...config.vars, ...bindings },
      d1Databases: Object.fromEntries(
        config.d1_databases.map((db) => [db.binding, db.database_id]),
      ),
      durableObjects: Object.fromEntries(
        config.durable_objects.bindings.map((b) => [
          b.name,
          {
            className: b.class_name,
            ...(b.script_name ? { scriptName: b.script_name } : {}),
            useSQLite: b.script_name ? true : sqliteClasses.has(b.class_name),
          },
        ]),
      ),
      ratelimits: Object.fromEntries(
        (config.ratelimits ?? []).map((r) => [
          r.name,
          { namespace_id: r.namespace_id, simple: r.simple },
        ]),
      ),
      queueProducers: Object.fromEntries(
        (config.queues.producers ?? []).map((p) => [p.binding, { queueName: p.queue }]),
      ),
      queueConsumers: Object.fromEntries(
        (config.queues.consumers ?? []).map((c) => [
          c.queue,
          {
            maxBatchSize: c.max_batch_size,
            maxBatchTimeout: c.max_batch_timeout,
            maxRetries: c.max_retries,
            deadLetterQueue: c.dead_letter_queue,
          },
        ]),
      ),
    },
  };
}
