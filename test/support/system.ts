import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type DemoSeed, seedDemo } from "@authpi/local-system/seed";
import {
  type LocalSystem,
  type LocalSystemOptions,
  startLocalSystem,
} from "@authpi/local-system/system";

export interface SeededSystem extends LocalSystem {
  seed: DemoSeed;
  /** `Authorization` header for the seeded owner API key. */
  basicAuth: string;
}

/**
 * Starts the three workers the way `pnpm dev` does, in a fresh temp state, and seeds the demo.
 * With `keepMail`, the log mail transport keeps each email as an .eml file in `mailDir`.
 */
export async function startSeededSystem(
  vars?: Record<string, string>,
  options: { keepMail?: boolean } = {},
): Promise<SeededSystem> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "authpi-system-"));
  const extra: Partial<LocalSystemOptions> = options.keepMail
    ? { mailDir: path.join(dir, "mail") }
    : {};
  const system = await startLocalSystem({
    persistDir: path.join(dir, "state"),
    logLevel: "error",
    ...(vars ? { vars } : {}),
    ...extra,
  });
  const seed = await seedDemo(system.coreUrl, system.secrets.BOOTSTRAP_TOKEN);
  return {
    ...system,
    seed,
    basicAuth: `Basic ${Buffer.from(`${seed.api_key_id}:${seed.api_key_secret}`).toString("base64")}`,
    async stop() {
      await system.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** What a test needs to reach a seeded system over HTTP; a shared system is handed over as this. */
export type SystemEndpoints = Pick<SeededSystem, "idpUrl" | "coreUrl" | "seed" | "basicAuth"> & {
  /** Where the system's log transport keeps each email as an .eml file (the shared system does). */
  mailDir?: string | null;
  /** The DoH resolver the system verifies domains with, when it has a local one (the shared system does). */
  dohUrl?: string | null;
};
