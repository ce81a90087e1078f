import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Two files at a time, one per core (vitest's default on 2 cores is 1); the system project
    // runs after the others (its sequence.groupOrder), see docs/decisions/ci-time.md.
    maxWorkers: 2,
    projects: [
      "packages/*/vitest.config.ts",
      "workers/*/vitest.config.ts",
      "test/vitest.config.ts",
      "bench/vitest.config.ts",
    ],
  },
});
