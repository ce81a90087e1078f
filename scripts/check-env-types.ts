// Fails when a worker's generated bindings (`worker-configuration.d.ts`) no longer match its
// wrangler.toml: regenerates each file, compares it with the checked-in one, and puts the
// checked-in one back, so the check never repairs what it reports.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "@authpi/local-system/paths";
import { generateEnvTypes, typesPath, WORKER_DIRS } from "./lib/env-types.ts";

function readOrEmpty(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

const stale: string[] = [];
for (const dir of WORKER_DIRS) {
  const file = path.join(REPO_ROOT, typesPath(dir));
  const checkedIn = readOrEmpty(file);
  try {
    generateEnvTypes(dir);
  } finally {
    const generated = readOrEmpty(file);
    if (generated !== checkedIn) {
      stale.push(typesPath(dir));
      writeFileSync(file, checkedIn);
    }
  }
}

if (stale.length > 0) {
  console.error(
    `Stale generated bindings: ${stale.join(", ")} differ from what \`wrangler types\` writes ` +
      "for the worker's wrangler.toml. Run `pnpm run types` and commit the result.",
  );
  process.exit(1);
}
console.log(`generated bindings match wrangler.toml (${WORKER_DIRS.length} workers)`);
