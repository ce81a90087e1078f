import { applyMigrationsSetup, workerPool } from "@authpi/testkit/worker-test-config";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [await workerPool("./wrangler.toml")],
  // Sign-in tests hash many passwords: on two loaded cores a few take seconds.
  test: { name: "idp-api", setupFiles: [applyMigrationsSetup], testTimeout: 20_000 },
}));
