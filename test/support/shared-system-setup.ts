import type { TestProject } from "vitest/node";
import { startSeededSystem } from "./system.ts";

/**
 * The `system` project's globalSetup: one seeded system for every file that calls
 * `sharedSystem()` (test/README.md says which files may), stopped after the last file.
 */
export default async function setup(project: TestProject) {
  const system = await startSeededSystem(undefined, { keepMail: true });
  const { idpUrl, coreUrl, seed, basicAuth, mailDir } = system;
  project.provide("sharedSystem", { idpUrl, coreUrl, seed, basicAuth, mailDir });
  return () => system.stop();
}
