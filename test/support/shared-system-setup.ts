import type { TestProject } from "vitest/node";
import { DohServer } from "./doh-server.ts";
import { startSeededSystem } from "./system.ts";

/**
 * The `system` project's globalSetup: one seeded system for every file that calls
 * `sharedSystem()` (test/README.md says which files may), stopped after the last file. Its Core
 * API verifies domains against a local DoH resolver (`dohUrl`; tests publish with `publishTxt`).
 */
export default async function setup(project: TestProject) {
  const doh = await new DohServer().start();
  const system = await startSeededSystem({ DOH_RESOLVER_URL: doh.url }, { keepMail: true });
  const { idpUrl, coreUrl, seed, basicAuth, mailDir } = system;
  project.provide("sharedSystem", { idpUrl, coreUrl, seed, basicAuth, mailDir, dohUrl: doh.url });
  return async () => {
    await system.stop();
    await doh.stop();
  };
}
