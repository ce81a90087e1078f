import { applyMigrationsSetup, workerPool } from "@authpi/testkit/worker-test-config";
import { defineConfig } from "vitest/config";
import { metadataHost } from "./test/support/metadata-host.ts";

export default defineConfig(async () => ({
  plugins: [await workerPool("./wrangler.toml", {}, { outboundService: metadataHost })],
  // Each sign-in spends an Argon2id verify (about 33 ms CPU); the throttle tests make dozens.
  test: {
    name: "idp-api",
    // One runtime for every file (docs/decisions/ci-time.md): files share D1 and Durable Objects.
    isolate: false,
    setupFiles: [applyMigrationsSetup],
    testTimeout: 30_000,
  },
}));
