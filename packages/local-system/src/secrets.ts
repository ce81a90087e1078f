import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export interface LocalSecrets {
  KEY_ENCRYPTION_SECRET: string;
  BOOTSTRAP_TOKEN: string;
}

/**
 * Local stand-ins for the wrangler secrets, made once per state directory: the signing keys
 * persisted there are sealed with KEY_ENCRYPTION_SECRET, so it must survive restarts.
 */
export async function localSecrets(persistDir: string): Promise<LocalSecrets> {
  const file = path.join(persistDir, "local-secrets.json");
  if (existsSync(file)) return JSON.parse(await readFile(file, "utf8")) as LocalSecrets;
  const secrets = {
    KEY_ENCRYPTION_SECRET: randomBytes(32).toString("base64url"),
    BOOTSTRAP_TOKEN: randomBytes(24).toString("base64url"),
  };
  await mkdir(persistDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
