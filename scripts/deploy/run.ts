import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "@authpi/local-system/paths";
import { bootstrapFirstAccount } from "./bootstrap.ts";
import { deployedTag, TAG_LENGTH } from "./deployed-tag.ts";
import { applyMigrations, ensureDatabase, ensureQueue, type Report } from "./resources.ts";
import { listSecrets, planSecrets } from "./secrets.ts";
import { loadSettings } from "./settings.ts";
import { environmentConfig, readWorkers, resourceNames } from "./worker-config.ts";
import { deployWorker, workerDigest } from "./workers.ts";

/** Secrets a worker runs without, put when given as an environment variable of the same name. */
const OPTIONAL_SECRETS: Record<string, string[]> = {
  "workers/webhook-dispatcher": ["MAIL_HTTP_TOKEN"],
};

/** What the last deploy of an environment recorded (.authpi/deploy/<env>.json). */
interface DeployState {
  databases: Record<string, string>;
  workers: Record<string, { digest: string }>;
}

/**
 * Deploys the three workers to one environment, creating what is missing and reusing what
 * exists; re-running it changes nothing unless the code, the configuration or a secret is new.
 */
export async function deploy(env: string, processEnv: NodeJS.ProcessEnv, report: Report) {
  const settings = loadSettings(env, processEnv);
  const stateDir = processEnv.AUTHPI_DEPLOY_DIR ?? path.join(REPO_ROOT, ".authpi/deploy");
  const outDir = path.join(stateDir, env);
  const stateFile = path.join(stateDir, `${env}.json`);
  const state: DeployState = existsSync(stateFile)
    ? (JSON.parse(readFileSync(stateFile, "utf8")) as DeployState)
    : { databases: {}, workers: {} };
  mkdirSync(outDir, { recursive: true });
  const workers = readWorkers(REPO_ROOT);
  const names = resourceNames(workers, settings.suffix);

  report(`Deploying "${env}" (IdP ${settings.IDP_BASE_URL}, Core API ${settings.CORE_API_URL})`);
  report("Resources:");
  const databases: Record<string, string> = {};
  for (const db of names.databases) databases[db] = await ensureDatabase(db, report);
  for (const queue of names.queues) await ensureQueue(queue, report);
  state.databases = databases;

  const configs = workers.map((worker) => {
    const config = environmentConfig(worker, settings, databases);
    const file = path.join(outDir, `${path.basename(worker.dir)}.wrangler.json`);
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    const optional = (OPTIONAL_SECRETS[worker.dir] ?? []).filter((name) => processEnv[name]);
    const required = [...(worker.raw.secrets?.required ?? []), ...optional];
    return { name: String(config.name), file, required };
  });

  report("Secrets:");
  const present = await Promise.all(configs.map((c) => listSecrets(c.name)));
  const secrets = planSecrets(
    configs.map((c, i) => ({ name: c.name, required: c.required, present: present[i] ?? null })),
    processEnv,
  );
  for (const [worker, put] of secrets) {
    const names = Object.keys(put);
    report(
      names.length
        ? `  + ${worker}: ${names.join(", ")} (generated or given, put below)`
        : `  = ${worker}: all set`,
    );
  }

  report("Database:");
  const idp = configs[0]!;
  for (const db of names.databases) await applyMigrations(db, idp.file, report);

  report("Workers:");
  for (const config of configs) {
    const digest = await workerDigest(config.file);
    const put = secrets.get(config.name) ?? {};
    const tag = digest.slice(0, TAG_LENGTH);
    const known =
      state.workers[config.name]?.digest === digest ||
      (await deployedTag(config.name, processEnv)) === tag;
    if (known && Object.keys(put).length === 0) {
      state.workers[config.name] = { digest };
      report(`  = worker ${config.name}: unchanged`);
      continue;
    }
    await deployWorker(config.name, config.file, put, tag, report);
    state.workers[config.name] = { digest };
    writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);
  }
  writeFileSync(stateFile, `${JSON.stringify(state, null, 2)}\n`);

  report("First account:");
  const core = configs[1]!;
  const bootstrapToken = secrets.get(core.name)?.BOOTSTRAP_TOKEN ?? processEnv.BOOTSTRAP_TOKEN;
  if (bootstrapToken) await bootstrapFirstAccount(settings.CORE_API_URL, bootstrapToken, report);
  else report("  = first account: bootstrapped by an earlier deploy (its token was set then)");
}
