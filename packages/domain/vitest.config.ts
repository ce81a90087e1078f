import { applyMigrationsSetup, workerPool } from "@authpi/testkit/worker-test-config";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [await workerPool("./test/wrangler.toml")],
  test: { name: "domain", setupFiles: [applyMigrationsSetup], include: ["src/**/*.test.ts"] },
}));
