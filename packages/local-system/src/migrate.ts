import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { cp, rename, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./paths.ts";

const run = promisify(execFile);
const MIGRATIONS = path.join(REPO_ROOT, "migrations");

/** Applies D1 migrations to the local database with `wrangler d1 migrations apply`. */
async function wranglerApply(persistDir: string): Promise<void> {
  const wrangler = path.join(REPO_ROOT, "node_modules/.bin/wrangler");
  await run(wrangler, ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistDir], {
    cwd: REPO_ROOT,
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false" },
  });
}

/** Names the migrated database by what wrangler applied: every migration and the root config. */
function migrationsKey(): string {
  const hash = createHash("sha256").update(readFileSync(path.join(REPO_ROOT, "wrangler.toml")));
  const files = readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql"));
  for (const file of files.sort())
    hash.update(file).update(readFileSync(path.join(MIGRATIONS, file)));
  return hash.digest("hex").slice(0, 16);
}

/** A state folder holding only the migrated D1 database, made once per set of migrations. */
async function migratedTemplate(): Promise<string> {
  const dir = path.join(REPO_ROOT, ".authpi/cache", `d1-${migrationsKey()}`);
  if (existsSync(dir)) return dir;
  const partial = `${dir}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await wranglerApply(partial);
  // Several processes may race to make it; the first rename wins and the others use it.
  await rename(partial, dir).catch(() => rm(partial, { recursive: true, force: true }));
  return dir;
}

/**
 * Brings the local D1 database up to date. A new state folder gets a copy of a database that
 * wrangler migrated once (its d1_migrations table included), instead of a wrangler run of its
 * own; an existing one is migrated in place by wrangler, applying only the new migrations.
 */
export async function applyMigrations(persistDir: string): Promise<void> {
  const d1 = path.join(persistDir, "v3", "d1");
  if (existsSync(d1)) return wranglerApply(persistDir);
  const template = await migratedTemplate();
  await cp(path.join(template, "v3", "d1"), d1, { recursive: true });
}
