import { FAKE_DOH_WORKER_NAME, fakeDohWorker } from "@authpi/testkit/fake-doh-worker";
import { idpStoreWorker } from "@authpi/testkit/idp-store-worker";
import { applyMigrationsSetup, workerPool } from "@authpi/testkit/worker-test-config";
import { defineConfig } from "vitest/config";

// A small per-key limit so the rate-limit test reaches it; each test uses keys of its own.
export default defineConfig(async () => ({
  plugins: [
    await workerPool(
      "./wrangler.toml",
      {},
      {
        ratelimits: {
          API_KEY_LIMITER: { namespace_id: "1001", simple: { limit: 100, period: 60 } },
        },
        workers: [await idpStoreWorker(), fakeDohWorker()],
        // Domain verification asks the fake resolver over this binding instead of the internet.
        serviceBindings: { DNS_RESOLVER: FAKE_DOH_WORKER_NAME },
      },
    ),
  ],
  test: {
    name: "core-api",
    // One runtime for every file (docs/decisions/ci-time.md): files share D1 and Durable Objects.
    isolate: false,
    setupFiles: [applyMigrationsSetup],
    testTimeout: 20_000,
  },
}));
