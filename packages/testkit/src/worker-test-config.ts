import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { TEST_SECRETS } from "./test-secrets.ts";

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
  } = {},
) {
  const migrations = await readD1Migrations(path.join(root, "migrations"));
  return cloudflareTest({
    wrangler: { configPath },
    miniflare: {
      bindings: { TEST_MIGRATIONS: migrations, ...TEST_SECRETS, ...extraBindings },
      ...options,
    },
  });
}

/** The setup file that applies the migrations before each test file. */
export const applyMigrationsSetup = path.join(import.meta.dirname, "apply-migrations.ts");
