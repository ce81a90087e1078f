import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "@authpi/local-system/paths";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeCloudflareApi } from "./support/fake-cloudflare-api.ts";

// `pnpm run deploy` against a local fake of the Cloudflare API (wrangler honours
// CLOUDFLARE_API_BASE_URL): the account is the outside world here, the script and wrangler are real.
const ACCOUNT = "0123456789abcdef0123456789abcdef";
const WORKERS = [
  "authpi-idp-api-staging",
  "authpi-core-api-staging",
  "authpi-webhook-dispatcher-staging",
];
const MIGRATIONS = readdirSync(path.join(REPO_ROOT, "migrations")).filter((f) =>
  f.endsWith(".sql"),
);

type Binding = Record<string, unknown> & { type: string; name: string };

const api = new FakeCloudflareApi(ACCOUNT);
const home = mkdtempSync(path.join(os.tmpdir(), "authpi-deploy-test-"));

function runDeploy(stateDir = "deploy"): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/deploy.ts", "--env", "staging"], {
      cwd: REPO_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: home,
        XDG_CONFIG_HOME: path.join(home, ".config"),
        CLOUDFLARE_API_BASE_URL: api.apiBaseUrl,
        CLOUDFLARE_API_TOKEN: "test-token",
        CLOUDFLARE_ACCOUNT_ID: ACCOUNT,
        AUTHPI_DEPLOY_DIR: path.join(home, stateDir),
        IDP_BASE_URL: "https://id.staging.example.com",
        CORE_API_URL: api.coreApiUrl,
      },
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d;
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d;
    });
    child.on("close", (status) => resolve({ status: status ?? 1, output }));
  });
}

const uploads = () =>
  api.calls.filter(
    (c) =>
      (c.method === "PUT" && /\/workers\/scripts\/[^/]+$/.test(c.path)) ||
      (c.method === "POST" && /\/workers\/scripts\/[^/]+\/versions$/.test(c.path)),
  );
const bindingsOf = (name: string): Binding[] =>
  (api.scripts.get(name)?.metadata.bindings ?? []) as Binding[];
const binding = (name: string, bindingName: string) =>
  bindingsOf(name).find((b) => b.name === bindingName);

let first: { status: number; output: string };

beforeAll(async () => {
  await api.start();
  first = await runDeploy();
}, 600_000);

afterAll(async () => {
  await api.stop();
  rmSync(home, { recursive: true, force: true });
});

describe("pnpm run deploy against a fake Cloudflare account", () => {
  it("creates the database and every queue with its dead-letter queue", () => {
    expect(first.output).toContain("Deploying");
    expect(first.status, first.output).toBe(0);
    expect([...api.databases.values()].map((d) => d.name)).toEqual(["authpi-staging"]);
    expect([...api.queues.values()].map((q) => q.queue_name).sort()).toEqual([
      "authpi-deliveries-dlq-staging",
      "authpi-deliveries-staging",
      "authpi-events-dlq-staging",
      "authpi-events-staging",
    ]);
    expect(api.unknown).toEqual([]);
  });

  it("applies every D1 migration to the remote database", () => {
    const db = [...api.databases.values()][0]!;
    const applied = db.sqlite.prepare("SELECT name FROM d1_migrations ORDER BY id").all();
    expect(applied.map((row) => row.name)).toEqual(MIGRATIONS);
    expect(
      db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'users'").get(),
    ).toMatchObject({ n: 1 });
  });

  it("uploads the IdP first, then the Core API that binds its Durable Object, then the dispatcher", () => {
    expect(uploads().map((c) => c.path.split("/").at(-1))).toEqual(WORKERS);
  });

  it("binds each worker to the environment's resources and settings", () => {
    const dbId = [...api.databases.values()][0]!.uuid;
    const [idp, core, dispatcher] = WORKERS as [string, string, string];
    for (const name of WORKERS) expect(binding(name, "DB")).toMatchObject({ type: "d1", id: dbId });
    expect(binding(idp, "ISSUER_STORE")).toMatchObject({
      type: "durable_object_namespace",
      class_name: "IssuerStore",
    });
    expect(binding(core, "ISSUER_STORE")).toMatchObject({
      type: "durable_object_namespace",
      class_name: "IssuerStore",
      script_name: idp,
    });
    expect(binding(core, "EVENTS")).toMatchObject({
      type: "queue",
      queue_name: "authpi-events-staging",
    });
    expect(binding(dispatcher, "DELIVERIES")).toMatchObject({
      type: "queue",
      queue_name: "authpi-deliveries-staging",
    });
    expect(binding(idp, "IDP_BASE_URL")).toMatchObject({ text: "https://id.staging.example.com" });
    expect(binding(dispatcher, "DEAD_LETTER_QUEUE")).toMatchObject({
      text: "authpi-deliveries-dlq-staging",
    });
    expect(binding(core, "API_KEY_LIMITER")).toMatchObject({
      type: "ratelimit",
      namespace_id: "11001",
    });
    const consumers = [...api.queues.values()].flatMap((q) =>
      q.consumers.map((c) => [q.queue_name, c.script_name, c.dead_letter_queue ?? null]),
    );
    expect(consumers.sort()).toEqual([
      ["authpi-deliveries-dlq-staging", dispatcher, null],
      ["authpi-deliveries-staging", dispatcher, "authpi-deliveries-dlq-staging"],
      ["authpi-events-staging", dispatcher, "authpi-events-dlq-staging"],
    ]);
  });

  it("puts generated secrets with the first upload, one KEY_ENCRYPTION_SECRET for all, never printed", () => {
    const [idp, core, dispatcher] = WORKERS.map((name) => api.scripts.get(name)!.secrets);
    expect([...idp!.keys()]).toEqual(["KEY_ENCRYPTION_SECRET"]);
    expect([...core!.keys()].sort()).toEqual(["BOOTSTRAP_TOKEN", "KEY_ENCRYPTION_SECRET"]);
    const key = idp!.get("KEY_ENCRYPTION_SECRET")!;
    expect(key.length).toBeGreaterThanOrEqual(43);
    expect(core!.get("KEY_ENCRYPTION_SECRET")).toBe(key);
    expect(dispatcher!.get("KEY_ENCRYPTION_SECRET")).toBe(key);
    expect(first.output).not.toContain(key);
    expect(first.output).not.toContain(core!.get("BOOTSTRAP_TOKEN")!);
  });

  it("bootstraps the first account at CORE_API_URL with the new token and prints its key once", () => {
    const token = api.scripts.get(WORKERS[1]!)!.secrets.get("BOOTSTRAP_TOKEN");
    expect(api.bootstraps).toEqual([
      { authorization: `Bearer ${token}`, body: { account_name: "My account" } },
    ]);
    expect(first.output.split("AUTHPI_API_KEY=key_first:sk_once").length - 1).toBe(1);
  });

  it("changes nothing when run again, and says so", async () => {
    const mark = api.calls.length;
    const secrets = WORKERS.map((name) => [...api.scripts.get(name)!.secrets.entries()]);
    const second = await runDeploy();
    expect(second.status, second.output).toBe(0);
    expect(api.mutations(mark)).toEqual([]);
    expect(second.output).not.toMatch(/^\s*\+ /m);
    for (const name of WORKERS) expect(second.output).toContain(`= worker ${name}: unchanged`);
    expect(second.output).not.toContain("AUTHPI_API_KEY=");
    expect(api.bootstraps).toHaveLength(1);
    expect(WORKERS.map((name) => [...api.scripts.get(name)!.secrets.entries()])).toEqual(secrets);
  }, 600_000);

  it("changes nothing from a fresh runner without local state either (the deployed tags tell)", async () => {
    const tags = WORKERS.map(
      (name) =>
        (api.scripts.get(name)?.metadata.annotations as Record<string, string>)?.["workers/tag"],
    );
    expect(tags.every((tag) => /^[0-9a-f]{24}$/.test(tag ?? ""))).toBe(true);
    const mark = api.calls.length;
    const fresh = await runDeploy("fresh-runner");
    expect(fresh.status, fresh.output).toBe(0);
    expect(api.mutations(mark)).toEqual([]);
    for (const name of WORKERS) expect(fresh.output).toContain(`= worker ${name}: unchanged`);
  }, 600_000);
});
