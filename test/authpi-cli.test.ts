import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CoreClient } from "@authpi/cli/api/core-client";
import { parseConfig } from "@authpi/cli/config/load-config";
import { applyPlan } from "@authpi/cli/plan/apply-plan";
import { readLiveState } from "@authpi/cli/plan/live-state";
import { planChanges } from "@authpi/cli/plan/plan";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { authpi, cliEnv } from "./support/authpi-cli.ts";
import { coreApi } from "./support/core-api.ts";
import { type SeededSystem, startSeededSystem } from "./support/system.ts";

type Wire = Record<string, unknown>;

let system: SeededSystem;
let dir: string;
let env: Record<string, string>;
let file: string;

/** The file a team starts with: one issuer with two clients and an organization, one webhook. */
const initial = () => ({
  version: 1,
  issuers: {
    main: {
      name: "Main",
      description: "Managed by authpi",
      available_scopes: ["api:read"],
      settings: { access: { mode: "open" } },
      auth_methods: {
        password: { method: "password", settings: { min_length: 10 } },
        "email-link": { method: "email-link", enabled: false },
        google: {
          method: "oauth2",
          name: "Google",
          enabled: false,
          settings: {
            provider: "google",
            issuer: "https://accounts.google.com",
            client_id: "google-client-id",
            // biome-ignore lint/suspicious/noTemplateCurlyInString: an authpi.yaml ${VAR} reference
            client_secret: "${GOOGLE_CLIENT_SECRET}",
          },
        },
      },
      clients: {
        web: {
          name: "Web app",
          type: "web",
          settings: { redirect_uris: ["https://app.example.com/callback"] },
        },
        worker: { name: "Worker", type: "m2m", settings: { scopes: ["api:read"] } },
      },
      organizations: { acme: { name: "Acme", org_type: "business" } },
    },
  },
  webhooks: {
    audit: {
      name: "Audit",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an authpi.yaml ${VAR} reference
      url: "${HOOK_URL}/audit",
      events: ["user.*"],
      auth: { type: "signature" },
    },
  },
});

const doc = initial();

async function save(document: unknown = doc) {
  await writeFile(file, stringify(document));
}

const cli = (...args: string[]) => authpi(args, { env, cwd: dir });

async function planJson(...extra: string[]) {
  const result = await cli("plan", "--json", ...extra);
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as {
    summary: Record<string, number>;
    changes: {
      action: string;
      address: string;
      diffs: { path: string; before: unknown; after: unknown }[];
    }[];
    errors: string[];
  };
}

const issuers = () => coreApi<Wire[]>(system, "GET", "/issuers");
const mainIssuer = async () => (await issuers()).find((i) => i.name === "Main") as Wire;
const clientsOf = (issuerId: string) =>
  coreApi<Wire[]>(system, "GET", `/issuers/${issuerId}/clients`);

beforeAll(async () => {
  system = await startSeededSystem();
  dir = await mkdtemp(path.join(os.tmpdir(), "authpi-cli-"));
  file = path.join(dir, "authpi.yaml");
  env = {
    ...cliEnv(system),
    HOOK_URL: "http://127.0.0.1:9",
    GOOGLE_CLIENT_SECRET: "upstream-secret",
  };
  // An empty account: the seeded demo issuer goes, so the file describes everything there is.
  await coreApi(system, "DELETE", `/issuers/${system.seed.issuer_id}`);
  await save();
});

afterAll(async () => {
  await system?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("authpi plan / apply against the running system", () => {
  it("plans every create on an empty account and exits 2 with --detailed-exitcode", async () => {
    const plan = await planJson();
    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      "create issuers.main",
      "create issuers.main.auth_methods.password",
      "create issuers.main.auth_methods.email-link",
      "create issuers.main.auth_methods.google",
      "create issuers.main.clients.web",
      "create issuers.main.clients.worker",
      "create issuers.main.organizations.acme",
      "create webhooks.audit",
    ]);
    const text = await cli("plan", "--detailed-exitcode");
    expect(text.code).toBe(2);
    expect(text.stdout + text.stderr).not.toContain("upstream-secret");
    expect(await issuers()).toEqual([]);
  });

  it("applies from empty; one-time secrets go to --secrets-file and work", async () => {
    const secretsFile = path.join(dir, "secrets.json");
    const result = await cli("apply", "--secrets-file", secretsFile);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/shown once/);
    const issuer = await mainIssuer();
    expect(issuer).toMatchObject({
      metadata: { authpi_key: "main" },
      available_scopes: ["api:read"],
    });
    expect((issuer.settings as Wire).access).toMatchObject({ mode: "open" });
    const clients = await clientsOf(issuer.id as string);
    expect(clients.map((c) => c.name).sort()).toEqual(["Web app", "Worker"]);
    const methods = await coreApi<Wire[]>(system, "GET", `/issuers/${issuer.id}/auth-methods`);
    expect(methods.filter((m) => m.method === "password")).toMatchObject([
      { settings: { min_length: 10 } },
    ]);
    // The upstream secret is write-only: stored (sealed), never shown, never a diff.
    expect(methods.find((m) => m.name === "Google")).toMatchObject({
      client_secret_set: true,
      settings: { client_id: "google-client-id" },
    });
    expect(JSON.stringify(methods)).not.toContain("upstream-secret");
    const [hook] = await coreApi<Wire[]>(system, "GET", "/webhooks");
    expect(hook).toMatchObject({
      url: "http://127.0.0.1:9/audit",
      metadata: { authpi_key: "audit" },
    });

    const secrets = JSON.parse(await readFile(secretsFile, "utf8")) as Wire[];
    expect(secrets.map((s) => `${s.address} ${s.name}`).sort()).toEqual([
      "issuers.main.clients.web client_secret",
      "issuers.main.clients.worker client_secret",
      "webhooks.audit signature_secret",
    ]);
    // The worker's secret is real: the IdP issues it a client_credentials token.
    const worker = secrets.find((s) => s.address === "issuers.main.clients.worker") as Wire;
    const discovery = (await (
      await fetch(`${system.idpUrl}/${issuer.id}/.well-known/openid-configuration`)
    ).json()) as { token_endpoint: string };
    const token = await fetch(discovery.token_endpoint, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${worker.id}:${worker.value}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials&scope=api%3Aread",
    });
    expect(token.status).toBe(200);
  });

  it("applies again with no change", async () => {
    const again = await cli("apply");
    expect(again.code).toBe(0);
    expect(again.stdout).toBe("Nothing to do.\n");
    expect((await cli("plan", "--detailed-exitcode")).code).toBe(0);
    expect((await issuers()).length).toBe(1);
  });

  it("plans the exact diff of an edited file, then applies it", async () => {
    doc.issuers.main.settings.access.mode = "closed";
    doc.issuers.main.clients.web.settings.redirect_uris.push("https://app.example.com/cb2");
    Object.assign(doc.issuers.main.organizations, { globex: { name: "Globex" } });
    await save();
    const plan = await planJson();
    expect(plan.changes).toEqual([
      expect.objectContaining({
        action: "update",
        address: "issuers.main",
        diffs: [{ path: "settings.access.mode", before: "open", after: "closed" }],
      }),
      expect.objectContaining({
        action: "update",
        address: "issuers.main.clients.web",
        diffs: [
          {
            path: "settings.redirect_uris",
            before: ["https://app.example.com/callback"],
            after: ["https://app.example.com/callback", "https://app.example.com/cb2"],
          },
        ],
      }),
      expect.objectContaining({
        action: "create",
        address: "issuers.main.organizations.globex",
        diffs: [
          { path: "name", before: null, after: "Globex" },
          { path: "metadata.authpi_key", before: null, after: "globex" },
        ],
      }),
    ]);
    expect((await cli("apply")).code).toBe(0);
    expect((await planJson()).changes).toEqual([]);
  });

  it("detects drift made through the Core API, and converges it back", async () => {
    const issuer = await mainIssuer();
    const web = (await clientsOf(issuer.id as string)).find((c) => c.name === "Web app") as Wire;
    await coreApi(system, "PATCH", `/issuers/${issuer.id}/clients/${web.id}`, {
      name: "Renamed by hand",
    });
    await coreApi(system, "PATCH", `/issuers/${issuer.id}`, {
      description: "edited in the console",
    });
    const drift = await cli("plan", "--detailed-exitcode");
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('name: "Renamed by hand" -> "Web app"');
    expect(drift.stdout).toContain('description: "edited in the console" -> "Managed by authpi"');
    expect(drift.stdout).toContain("Plan: 0 to create, 2 to update, 0 to delete.");
    expect((await cli("apply")).code).toBe(0);
    expect((await cli("plan", "--detailed-exitcode")).code).toBe(0);
  });

  it("prunes only with --prune, and never what it does not manage", async () => {
    const issuer = await mainIssuer();
    const byHand = await coreApi<Wire>(system, "POST", `/issuers/${issuer.id}/clients`, {
      name: "Made by hand",
      type: "spa",
      settings: { redirect_uris: ["https://hand.example.com/cb"] },
    });
    const { worker: _worker, ...clients } = doc.issuers.main.clients;
    const pruned = { ...doc, issuers: { main: { ...doc.issuers.main, clients } }, webhooks: {} };
    await save(pruned);
    expect((await planJson()).changes).toEqual([]);
    const plan = await planJson("--prune");
    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual([
      "delete issuers.main.clients.worker",
      "delete webhooks.audit",
    ]);
    expect((await cli("apply", "--prune")).code).toBe(0);
    const names = (await clientsOf(issuer.id as string)).map((c) => c.name).sort();
    expect(names).toEqual(["Made by hand", "Web app"]);
    expect(await coreApi<Wire[]>(system, "GET", "/webhooks")).toEqual([]);
    await coreApi(system, "DELETE", `/issuers/${issuer.id}/clients/${byHand.id}`);
  });

  it("re-creates a pruned webhook although its Idempotency-Key replays the first create", async () => {
    await save();
    const before = await cli("plan", "--json");
    expect(JSON.parse(before.stdout).summary).toEqual({ create: 2, update: 0, delete: 0 });
    const result = await cli("apply", "--json");
    expect(result.code, result.stderr).toBe(0);
    const applied = JSON.parse(result.stdout) as { applied: Wire[]; secrets: Wire[] };
    const [hook] = await coreApi<Wire[]>(system, "GET", "/webhooks");
    expect(applied.applied.find((a) => a.address === "webhooks.audit")?.id).toBe(hook?.id);
    expect(applied.secrets.map((s) => s.name).sort()).toEqual([
      "client_secret",
      "signature_secret",
    ]);
    expect((await cli("plan", "--detailed-exitcode")).code).toBe(0);
  });

  it("never duplicates when the same apply runs twice at once (Idempotency-Key on creates)", async () => {
    Object.assign(doc.issuers, {
      second: { name: "Second", clients: { app: { name: "App", type: "spa" } } },
    });
    await save();
    const runs = await Promise.all([cli("apply", "--json"), cli("apply", "--json")]);
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const second = (await issuers()).filter((i) => i.name === "Second");
    expect(second).toHaveLength(1);
    expect(await clientsOf(second[0]?.id as string)).toHaveLength(1);
    expect((await cli("plan", "--detailed-exitcode")).code).toBe(0);
  });

  it("exports the live setup, and applying the export changes nothing", async () => {
    const exported = path.join(dir, "exported.yaml");
    expect((await cli("export", "-o", exported)).code).toBe(0);
    const text = await readFile(exported, "utf8");
    expect(text).not.toMatch(/secret_hint|whsec_|"?id"?: [a-z]+_/);
    const document = parse(text) as Wire;
    expect(Object.keys(document.issuers as Wire).sort()).toEqual(["main", "second"]);
    expect(
      (await authpi(["plan", "-f", exported, "--detailed-exitcode"], { env, cwd: dir })).code,
    ).toBe(0);
    const applied = await authpi(["apply", "-f", exported], { env, cwd: dir });
    expect(applied.stdout).toBe("Nothing to do.\n");
  });

  it("stops on If-Match when a resource changes between plan and apply", async () => {
    const client = new CoreClient({
      baseUrl: system.coreUrl,
      keyId: system.seed.api_key_id,
      keySecret: system.seed.api_key_secret,
      source: "test",
    });
    doc.issuers.main.description = "planned change";
    const config = parseConfig(doc, env);
    const plan = planChanges(config, await readLiveState(client, () => true));
    expect(plan.changes.map((c) => c.address)).toEqual(["issuers.main"]);
    const issuer = await mainIssuer();
    await coreApi(system, "PATCH", `/issuers/${issuer.id}`, { description: "someone else" });
    await expect(applyPlan(client, plan, () => {})).rejects.toThrow(
      /changed since it was read \(412\)/,
    );
    expect((await mainIssuer()).description).toBe("someone else");
  });
});

describe("authpi resource commands", () => {
  it("creates a client with its secret written to $GITHUB_OUTPUT, not printed", async () => {
    const issuer = await mainIssuer();
    const output = path.join(dir, "github-output");
    await writeFile(output, "");
    const result = await authpi(
      [
        "clients",
        "create",
        "--issuer",
        issuer.id as string,
        "--json",
        "--github-output",
        "--data",
        JSON.stringify({ name: "CI client", type: "m2m" }),
      ],
      { env: { ...env, GITHUB_OUTPUT: output, GITHUB_ACTIONS: "true" }, cwd: dir },
    );
    expect(result.code, result.stderr).toBe(0);
    const created = JSON.parse(result.stdout) as Wire;
    expect(created.secret).toBe("(kept out of the output)");
    const line = (await readFile(output, "utf8")).trim();
    expect(line).toMatch(/^client_secret=[\w-]{20,}$/);
    const secret = line.split("=")[1] as string;
    expect(result.stderr).toContain(`::add-mask::${secret}`);
    expect(result.stdout).not.toContain(secret);
  });

  it("lists with --json, and a 404 exits 1 with the Core API's error", async () => {
    const list = await cli("issuers", "list", "--json");
    expect((JSON.parse(list.stdout) as Wire[]).map((i) => i.name).sort()).toEqual([
      "Main",
      "Second",
    ]);
    const missing = await cli("issuers", "get", "i_doesnotexist", "--json");
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr)).toMatchObject({ details: { error: "not_found" } });
  });

  it("a wrong key exits 4", async () => {
    const wrong = { ...env, AUTHPI_API_KEY: `${system.seed.api_key_id}:wrong` };
    expect((await authpi(["whoami"], { env: wrong })).code).toBe(4);
  });

  it("events tail follows new events by polling", async () => {
    let ready: () => void = () => {};
    const following = new Promise<void>((resolve) => {
      ready = resolve;
    });
    const tail = authpi(["events", "tail", "--json", "--interval", "200", "--max-events", "2"], {
      env,
      cwd: dir,
      onStderr: (text) => text.includes("following events from") && ready(),
    });
    // The events happen once the tail knows its starting point, as for a person who starts it first.
    await following;
    await coreApi(system, "POST", "/issuers", { name: "Tailed one" });
    await coreApi(system, "POST", "/issuers", { name: "Tailed two" });
    const result = await tail;
    expect(result.code, result.stderr).toBe(0);
    const events = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Wire);
    expect(events.map((e) => [e.type, (e.data as Wire).name])).toEqual([
      ["issuer.created", "Tailed one"],
      ["issuer.created", "Tailed two"],
    ]);
  });
});
