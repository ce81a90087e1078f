import { applyMigrationsSetup, workerPool } from "@authpi/testkit/worker-test-config";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [await workerPool("./wrangler.toml")],
  test: { name: "core-api", setupFiles: [applyMigrationsSetup] },
}));
