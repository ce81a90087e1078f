import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

function found(): string | undefined {
  return CANDIDATES.find((candidate) => candidate && existsSync(candidate));
}

/**
 * Debian's Chromium for the browser tests. On CI (CI=true, root, apt-get available) it is
 * installed when missing; elsewhere the browser tests skip and say why.
 */
export function ensureChromium(): string | undefined {
  const existing = found();
  if (existing) return existing;
  const isRoot = process.getuid?.() === 0;
  if (process.env.CI !== "true" || !isRoot || !existsSync("/usr/bin/apt-get")) {
    console.log("Chromium not found: browser tests will be skipped (CI installs it with apt-get).");
    return undefined;
  }
  console.log("\n▶ installing Debian's chromium for the browser tests");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "chromium"], {
    stdio: "inherit",
    env,
  });
  const installed = found();
  if (!installed) console.log("Installing chromium failed: browser tests will be skipped.");
  return installed;
}
