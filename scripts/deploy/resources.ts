import { parseJsonOutput, wrangler, wranglerOk } from "./wrangler-cli.ts";

export type Report = (line: string) => void;

/** The D1 database's id, creating the database when the account has none of that name. */
export async function ensureDatabase(name: string, report: Report): Promise<string> {
  const find = async () =>
    parseJsonOutput<{ uuid: string; name: string }[]>(
      await wranglerOk(["d1", "list", "--json"]),
    ).find((db) => db.name === name);
  const existing = await find();
  if (existing) {
    report(`  = D1 database ${name} (${existing.uuid})`);
    return existing.uuid;
  }
  await wranglerOk(["d1", "create", name]);
  const created = await find();
  if (!created) throw new Error(`D1 database ${name} was created but is not listed`);
  report(`  + D1 database ${name} (${created.uuid})`);
  return created.uuid;
}

/** Creates the queue unless the account has it. */
export async function ensureQueue(name: string, report: Report): Promise<void> {
  const info = await wrangler(["queues", "info", name]);
  if (info.status === 0) {
    report(`  = queue ${name}`);
    return;
  }
  await wranglerOk(["queues", "create", name]);
  report(`  + queue ${name}`);
}

/** Applies pending D1 migrations to the remote database; returns how many ran. */
export async function applyMigrations(database: string, configPath: string, report: Report) {
  const out = await wranglerOk([
    "d1",
    "migrations",
    "apply",
    database,
    "--remote",
    "--config",
    configPath,
  ]);
  const rows = out.matchAll(/^[│|]\s*(\d{4}_[\w-]+\.sql)\s*[│|]\s*✅/gmu);
  const applied = [...new Set([...rows].map((m) => m[1]))];
  if (/No migrations to apply/i.test(out) || applied.length === 0)
    report(`  = D1 migrations of ${database}: none pending`);
  else report(`  + D1 migrations of ${database}: ${applied.join(", ")}`);
  return applied.length;
}
