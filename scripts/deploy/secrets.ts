import { randomBytes } from "node:crypto";
import { parseJsonOutput, wrangler } from "./wrangler-cli.ts";

/** The secret names a worker holds, or null when the worker does not exist yet. */
export async function listSecrets(workerName: string): Promise<string[] | null> {
  const result = await wrangler(["secret", "list", "--name", workerName, "--format", "json"]);
  if (result.status !== 0) {
    if (/does not exist|10007|not found/i.test(result.stderr + result.stdout)) return null;
    throw new Error(`wrangler secret list --name ${workerName} failed:\n${result.stderr}`);
  }
  return parseJsonOutput<{ name: string }[]>(result.stdout).map((s) => s.name);
}

/** What each worker is missing, and the values to put: given by env var, else generated once. */
export function planSecrets(
  workers: { name: string; required: string[]; present: string[] | null }[],
  processEnv: NodeJS.ProcessEnv,
): Map<string, Record<string, string>> {
  const values = new Map<string, string>();
  const plan = new Map<string, Record<string, string>>();
  for (const worker of workers) {
    const missing = worker.required.filter((name) => !worker.present?.includes(name));
    const put: Record<string, string> = {};
    for (const name of missing) {
      const holders = workers.filter((w) => w.present?.includes(name)).map((w) => w.name);
      let value = processEnv[name] || values.get(name);
      if (!value && holders.length > 0) {
        // Secrets cannot be read back: a shared one must come from whoever kept it.
        throw new Error(
          `${worker.name} lacks ${name}, which ${holders.join(", ")} already hold(s). ` +
            `Set ${name} to that value in the environment and run the deploy again.`,
        );
      }
      value ??= randomBytes(32).toString("base64url");
      values.set(name, value);
      put[name] = value;
    }
    plan.set(worker.name, put);
  }
  return plan;
}
