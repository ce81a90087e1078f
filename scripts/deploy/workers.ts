import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Report } from "./resources.ts";
import { wranglerOk } from "./wrangler-cli.ts";

/** A digest of what an upload would contain: the bundle wrangler builds, and the configuration. */
export async function workerDigest(configPath: string): Promise<string> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), "authpi-bundle-"));
  try {
    await wranglerOk(["deploy", "--dry-run", "--outdir", outDir, "--config", configPath]);
    const hash = createHash("sha256").update(readFileSync(configPath));
    // The README wrangler writes next to the bundle carries a timestamp.
    for (const file of readdirSync(outDir).sort())
      if (!file.endsWith(".map") && file !== "README.md")
        hash.update(file).update(readFileSync(path.join(outDir, file)));
    return hash.digest("hex");
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

/**
 * Uploads and deploys one worker; missing secrets go with the upload (`--secrets-file`). The
 * version is tagged with the upload's digest, so a later run anywhere can tell it is current.
 */
export async function deployWorker(
  name: string,
  configPath: string,
  secrets: Record<string, string>,
  tag: string,
  report: Report,
): Promise<void> {
  const args = ["deploy", "--config", configPath, "--tag", tag];
  const dir = mkdtempSync(path.join(os.tmpdir(), "authpi-secrets-"));
  const secretsFile = path.join(dir, "secrets.json");
  const names = Object.keys(secrets);
  try {
    if (names.length > 0) {
      writeFileSync(secretsFile, JSON.stringify(secrets), { mode: 0o600 });
      args.push("--secrets-file", secretsFile);
    }
    await wranglerOk(args);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  report(
    `  + worker ${name} deployed${names.length ? ` with new secrets ${names.join(", ")}` : ""}`,
  );
}
