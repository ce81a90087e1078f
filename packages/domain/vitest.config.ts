import { applyMigrationsSetup, workerPool } from "@authpi/testkit/worker-test-config";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [await workerPool("./test/wrangler.toml")],
  test: {
    name: "domain",
    // One runtime for every file (docs/decisions/ci-time.md): files share D1 and Durable Objects.
    isolate: false,
    setupFiles: [applyMigrationsSetup],
    include: ["src/**/*.test.ts"],
  },
}));
