import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "system",
    include: ["**/*.test.ts"],
    // Each file starts its own local system (workerd); keep the two cores for the runtimes.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
