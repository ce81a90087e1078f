import path from "node:path";

/** The repository root (this file is packages/local-system/src/paths.ts). */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");

/** The three workers, in the order Miniflare starts them (the DO owner first). */
export const WORKERS = [
  { dir: "workers/idp-api", name: "authpi-idp-api" },
  { dir: "workers/core-api", name: "authpi-core-api" },
  { dir: "workers/webhook-dispatcher", name: "authpi-webhook-dispatcher" },
] as const;

export type WorkerName = (typeof WORKERS)[number]["name"];
