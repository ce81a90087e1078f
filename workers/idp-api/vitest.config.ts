import { applyMigrationsSetup, workerPool } from "@authpi/testkit/worker-test-config";
import { defineConfig } from "vitest/config";

export default defineConfig(async () => ({
  plugins: [await workerPool("./wrangler.toml")],
  // Each sign-in spends an Argon2id verify (about 33 ms CPU); the throttle tests make dozens.
  test: { name: "idp-api", setupFiles: [applyMigrationsSetup], testTimeout: 30_000 },
}));
