import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "system",
    include: ["**/*.test.ts"],
    // One seeded system for the files that share it (sharedSystem(), see test/README.md).
    globalSetup: ["./support/shared-system-setup.ts"],
    // Files that start a local system of their own (workerd) keep the two cores for it.
    fileParallelism: false,
    // After the Workers-pool projects, so no other file competes with the runtimes' timings.
    sequence: { groupOrder: 1 },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
