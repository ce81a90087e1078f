import { defineConfig } from "vitest/config";

export default defineConfig({ test: { name: "idp-sdk", include: ["src/**/*.test.ts"] } });
