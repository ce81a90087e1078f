import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { TEST_SECRETS } from "./test-secrets.ts";

type MiniflareOptions = Extract<
  Parameters<typeof cloudflareTest>[0],
  { miniflare?: unknown }
>["miniflare"];

const root = path.resolve(import.meta.dirname, "../../..");

/**
 * The Workers pool for one worker: its own wrangler.toml (real D1, Durable Objects, Queues),
 * the repository's D1 migrations handed to the setup file, and test secrets.
 */
export async function workerPool(
  configPath: string,
  extraBindings: Record<string, unknown> = {},
  options: {
    ratelimits?: Record<
      string,
      { namespace_id: string; simple: { limit: number; period: 10 | 60 } }
    >;
    /** Auxiliary workers, e.g. the IdP worker whose Durable Object a binding names. */
    workers?: Record<string, unknown>[];
    /** Service bindings to auxiliary workers, e.g. a fake DNS resolver. */
    serviceBindings?: Record<string, string>;
    /** Where the worker's outbound fetches go: a handler standing in for the outside world. */
    outboundService?: (request: Request) => Promise<Response>;
  } = {},
) {
  const migrations = await readD1Migrations(path.join(root, "migrations"));
  return cloudflareTest({
    wrangler: { configPath },
    // Auxiliary worker options are checked by Miniflare at start-up.
    miniflare: {
      bindings: { TEST_MIGRATIONS: migrations, ...TEST_SECRETS, ...extraBindings },
      ...options,
    } as MiniflareOptions,
  });
}

/** The setup file that applies the migrations before each test file. */
export const applyMigrationsSetup = path.join(import.meta.dirname, "apply-migrations.ts");
