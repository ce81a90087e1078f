import { applyMigrationsSetup, workerPool } from "@authpi/testkit/worker-test-config";
import { defineConfig } from "vitest/config";

// Real Queues run the dispatcher's consumers here: retries are immediate (scale 0), receivers
// are on loopback (development policy), and DoH is off unless a test points at the fake one.
export default defineConfig(async () => ({
  plugins: [
    await workerPool("./wrangler.toml", {
      WEBHOOK_URL_POLICY: "development",
      WEBHOOK_RETRY_SCALE: "0",
      WEBHOOK_TIMEOUT_MS: "2000",
      WEBHOOK_DOH_URL: "",
    }),
  ],
  test: {
    name: "webhook-dispatcher",
    // One runtime for every file (docs/decisions/ci-time.md): files share D1, Queues and receivers.
    isolate: false,
    setupFiles: [applyMigrationsSetup],
    globalSetup: ["./test/support/outside-world.ts"],
    // Real Queue round trips take about a second each (the consumers' batch timeout).
    testTimeout: 30_000,
  },
}));
