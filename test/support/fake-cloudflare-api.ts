import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DatabaseSync } from "node:sqlite";

/** One request the fake received, in order. */
export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, the multipart upload's `metadata` part, or the raw text. */
  body: unknown;
}

/** A worker as uploaded: its metadata (bindings, migrations...) and the secrets it holds. */
export interface FakeScript {
  metadata: Record<string, unknown>;
  secrets: Map<string, string>;
  schedules: string[];
  uploads: number;
  versionId: string;
  subdomain: { enabled: boolean; previews_enabled: boolean };
  migrationTag: string | null;
}

interface FakeDatabase {
  uuid: string;
  name: string;
  sqlite: DatabaseSync;
}

interface FakeQueue {
  queue_id: string;
  queue_name: string;
  consumers: {
    consumer_id: string;
    script_name: string;
    settings: unknown;
    dead_letter_queue?: string;
  }[];
}

type Handler = (req: Request, params: Record<string, string>) => Promise<Response> | Response;

const ok = (result: unknown, init: ResponseInit = {}) =>
  Response.json({ success: true, errors: [], messages: [], result }, init);
const fail = (status: number, code: number, message: string) =>
  Response.json(
    { success: false, errors: [{ code, message }], messages: [], result: null },
    { status },
  );
/** A paged list, as the API pages it (`page`, `per_page`). */
function listOf(items: unknown[], req?: Request) {
  const params = req ? new URL(req.url).searchParams : new URLSearchParams();
  const page = Number(params.get("page") ?? 1);
  const perPage = Number(params.get("per_page") ?? 100);
  const result = items.slice((page - 1) * perPage, page * perPage);
  return Response.json({
    success: true,
    errors: [],
    messages: [],
    result,
    result_info: { page, per_page: perPage, count: result.length, total_count: items.length },
  });
}

/**
 * A local stand-in for the Cloudflare API (the outside world of a deploy): D1 databases
 * (queries run on node:sqlite), Queues, Worker scripts with their secrets, and a Core API
 * endpoint for the first-account bootstrap. Every call is recorded; unknown routes answer 404
 * and are listed in `unknown`.
 */
export class FakeCloudflareApi {
  readonly calls: RecordedCall[] = [];
  readonly unknown: string[] = [];
  readonly databases = new Map<string, FakeDatabase>();
  readonly queues = new Map<string, FakeQueue>();
  readonly scripts = new Map<string, FakeScript>();
  readonly bootstraps: { authorization: string | null; body: unknown }[] = [];
  #routes: { method: string; pattern: RegExp; keys: string[]; handler: Handler }[] = [];
  #server = createServer((req, res) => void this.#serve(req, res));
  #url = "";

  readonly accountId: string;

  constructor(accountId: string) {
    this.accountId = accountId;
    this.#defineRoutes();
  }

  /** The API base (`CLOUDFLARE_API_BASE_URL`). */
  get apiBaseUrl(): string {
    return `${this.#url}/client/v4`;
  }

  /** Where the fake Core API answers (`CORE_API_URL`). */
  get coreApiUrl(): string {
    return `${this.#url}/core-api`;
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    const { port } = this.#server.address() as AddressInfo;
    this.#url = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const db of this.databases.values()) db.sqlite.close();
  }

  /** Calls that change something: anything but GET, and D1 SQL that only reads or is idempotent. */
  mutations(from = 0): RecordedCall[] {
    return this.calls.slice(from).filter((c) => c.method !== "GET" && !isReadOnlyQuery(c));
  }

  #on(method: string, path: string, handler: Handler) {
    const keys: string[] = [];
    const source = path.replace(/:(\w+)/g, (_, key: string) => {
      keys.push(key);
      return "([^/]+)";
    });
    this.#routes.push({ method, pattern: new RegExp(`^${source}$`), keys, handler });
  }

  #script(name: string): FakeScript | undefined {
    return this.scripts.get(name);
  }

  #defineRoutes() {
    const acct = `/client/v4/accounts/${this.accountId}`;
    this.#on("GET", "/client/v4/user/tokens/verify", () => ok({ id: "token", status: "active" }));
    this.#on("GET", "/client/v4/memberships", () =>
      listOf([{ account: { id: this.accountId, name: "Test account" } }]),
    );
    this.#on("GET", "/client/v4/accounts", () => listOf([{ id: this.accountId, name: "Test" }]));

    this.#on("GET", `${acct}/d1/database`, (req) => {
      const name = new URL(req.url).searchParams.get("name");
      const all = [...this.databases.values()].filter((d) => !name || d.name === name);
      return listOf(all.map(dbInfo), req);
    });
    this.#on("POST", `${acct}/d1/database`, async (req) => {
      const { name } = (await req.json()) as { name: string };
      if ([...this.databases.values()].some((d) => d.name === name))
        return fail(400, 7502, "A database with that name already exists");
      const db = { uuid: randomUUID(), name, sqlite: new DatabaseSync(":memory:") };
      this.databases.set(db.uuid, db);
      return ok(dbInfo(db));
    });
    this.#on("GET", `${acct}/d1/database/:id`, (_req, p) => {
      const db = this.databases.get(p.id!);
      return db ? ok(dbInfo(db)) : fail(404, 7404, "database not found");
    });
    this.#on("POST", `${acct}/d1/database/:id/:op`, async (req, p) => {
      const db = this.databases.get(p.id!);
      if (!db) return fail(404, 7404, "database not found");
      const body = (await req.json()) as { sql: string; params?: unknown[] } | { batch: unknown[] };
      return ok(runSql(db.sqlite, body));
    });

    this.#on("GET", `${acct}/queues`, (req) => {
      const names = new URL(req.url).searchParams.getAll("name");
      const all = [...this.queues.values()].filter(
        (q) => names.length === 0 || names.includes(q.queue_name),
      );
      return listOf(all.map(queueInfo), req);
    });
    this.#on("POST", `${acct}/queues`, async (req) => {
      const { queue_name } = (await req.json()) as { queue_name: string };
      if (this.#queueByName(queue_name)) return fail(400, 11009, "queue name already taken");
      const queue: FakeQueue = { queue_id: randomUUID(), queue_name, consumers: [] };
      this.queues.set(queue.queue_id, queue);
      return ok(queueInfo(queue));
    });
    this.#on("GET", `${acct}/queues/:id`, (_req, p) => {
      const queue = this.queues.get(p.id!) ?? this.#queueByName(p.id!);
      return queue ? ok(queueInfo(queue)) : fail(404, 11000, "queue not found");
    });
    this.#on("GET", `${acct}/queues/:id/consumers`, (_req, p) => {
      const queue = this.queues.get(p.id!);
      return queue ? listOf(queue.consumers) : fail(404, 11000, "queue not found");
    });
    this.#on("POST", `${acct}/queues/:id/consumers`, async (req, p) => {
      const queue = this.queues.get(p.id!);
      if (!queue) return fail(404, 11000, "queue not found");
      const body = (await req.json()) as FakeQueue["consumers"][number];
      const consumer = { ...body, consumer_id: randomUUID() };
      queue.consumers.push(consumer);
      return ok(consumer);
    });
    this.#on("PUT", `${acct}/queues/:id/consumers/:consumer`, async (req, p) => {
      const queue = this.queues.get(p.id!);
      const index = queue?.consumers.findIndex((c) => c.consumer_id === p.consumer) ?? -1;
      if (!queue || index < 0) return fail(404, 11000, "consumer not found");
      const body = (await req.json()) as FakeQueue["consumers"][number];
      queue.consumers[index] = { ...body, consumer_id: p.consumer! };
      return ok(queue.consumers[index]);
    });

    this.#on("GET", `${acct}/workers/subdomain`, () => ok({ subdomain: "authpi-test" }));
    this.#on("GET", `${acct}/workers/services/:name`, (_req, p) => {
      const script = this.#script(p.name!);
      if (!script) return fail(404, 10090, "This Worker does not exist on your account.");
      return ok({
        id: p.name,
        default_environment: {
          environment: "production",
          script: {
            id: p.name,
            migration_tag: script.migrationTag,
            last_deployed_from: "wrangler",
          },
        },
      });
    });
    this.#on("GET", `${acct}/workers/scripts/:name/secrets`, (_req, p) => {
      const script = this.#script(p.name!);
      if (!script) return fail(404, 10007, "This Worker does not exist on your account.");
      return ok([...script.secrets.keys()].map((name) => ({ name, type: "secret_text" })));
    });
    this.#on("PUT", `${acct}/workers/scripts/:name/secrets`, async (req, p) => {
      const script = this.#script(p.name!);
      if (!script) return fail(404, 10007, "This Worker does not exist on your account.");
      const { name, text } = (await req.json()) as { name: string; text: string };
      script.secrets.set(name, text);
      return ok({ name, type: "secret_text" });
    });
    this.#on("PUT", `${acct}/workers/scripts/:name`, (req, p) => this.#upload(req, p.name!));
    // An existing worker gets a new version, then a deployment of it at 100%.
    this.#on("POST", `${acct}/workers/scripts/:name/versions`, async (req, p) => {
      const uploaded = await this.#upload(req, p.name!);
      if (!uploaded.ok) return uploaded;
      const script = this.#script(p.name!)!;
      return ok({
        id: script.versionId,
        resources: { script: { etag: "etag" } },
        startup_time_ms: 1,
      });
    });
    this.#on("POST", `${acct}/workers/scripts/:name/deployments`, () => ok({ id: randomUUID() }));
    this.#on("PATCH", `${acct}/workers/scripts/:name/script-settings`, async (req) =>
      ok(await req.json()),
    );
    this.#on("GET", `${acct}/workers/scripts/:name/settings`, (_req, p) => {
      const script = this.#script(p.name!);
      if (!script) return fail(404, 10007, "This Worker does not exist on your account.");
      return ok({
        bindings: script.metadata.bindings ?? [],
        observability: script.metadata.observability,
      });
    });
    this.#on("PATCH", `${acct}/workers/scripts/:name/settings`, () => ok({}));
    this.#on("GET", `${acct}/workers/scripts/:name/subdomain`, (_req, p) =>
      ok(this.#script(p.name!)?.subdomain ?? { enabled: false, previews_enabled: false }),
    );
    this.#on("POST", `${acct}/workers/scripts/:name/subdomain`, async (req, p) => {
      const body = (await req.json()) as FakeScript["subdomain"];
      const script = this.#script(p.name!);
      if (script) script.subdomain = { ...script.subdomain, ...body };
      return ok(script?.subdomain ?? body);
    });
    this.#on("GET", `${acct}/workers/scripts/:name/schedules`, (_req, p) =>
      ok({ schedules: (this.#script(p.name!)?.schedules ?? []).map((cron) => ({ cron })) }),
    );
    this.#on("PUT", `${acct}/workers/scripts/:name/schedules`, async (req, p) => {
      const body = (await req.json()) as { cron: string }[];
      const script = this.#script(p.name!);
      if (script) script.schedules = body.map((s) => s.cron);
      return ok({ schedules: body });
    });
    this.#on("GET", `${acct}/workers/scripts/:name/deployments`, (_req, p) => {
      const script = this.#script(p.name!);
      if (!script) return ok({ deployments: [] });
      const versions = [{ version_id: script.versionId, percentage: 100 }];
      return ok({
        deployments: [{ id: `deployment-${script.uploads}`, source: "wrangler", versions }],
      });
    });
    this.#on("GET", `${acct}/workers/scripts/:name/versions/:version`, (_req, p) => {
      const script = this.#script(p.name!);
      if (!script) return fail(404, 10007, "This Worker does not exist on your account.");
      return ok({
        id: script.versionId,
        number: script.uploads,
        metadata: { source: "wrangler", created_on: "2026-12-01T00:00:00Z" },
        annotations: script.metadata.annotations ?? {},
        resources: { bindings: script.metadata.bindings ?? [], script: {}, script_runtime: {} },
      });
    });
    this.#on("GET", `${acct}/workers/workers/:name`, (_req, p) => {
      const script = this.#script(p.name!);
      if (!script) return fail(404, 10007, "This Worker does not exist on your account.");
      return ok({
        id: p.name,
        name: p.name,
        subdomain: script.subdomain,
        previews_base_config: {},
      });
    });
    this.#on("GET", `${acct}/workers/domains`, () => listOf([]));
    this.#on("POST", `${acct}/workers/scripts/:name/domains/changeset`, async (req) =>
      ok(await req.json()),
    );
    this.#on("PUT", `${acct}/workers/domains/records`, async (req) => ok(await req.json()));

    this.#on("POST", "/core-api/v1/bootstrap", async (req) => {
      const body = await req.json();
      this.bootstraps.push({ authorization: req.headers.get("authorization"), body });
      if (this.bootstraps.length > 1)
        return Response.json(
          { error: "conflict", error_description: "The first account exists" },
          { status: 409 },
        );
      return Response.json(
        { data: { account_id: "acct_first", api_key_id: "key_first", api_key_secret: "sk_once" } },
        { status: 201 },
      );
    });
  }

  #queueByName(name: string): FakeQueue | undefined {
    return [...this.queues.values()].find((q) => q.queue_name === name);
  }

  async #upload(req: Request, name: string): Promise<Response> {
    const form = await req.formData();
    const metadata = JSON.parse(String(form.get("metadata"))) as Record<string, unknown>;
    const existing = this.scripts.get(name);
    const script: FakeScript = existing ?? {
      metadata,
      secrets: new Map(),
      schedules: [],
      uploads: 0,
      versionId: "",
      subdomain: { enabled: false, previews_enabled: false },
      migrationTag: null,
    };
    const previous = (existing?.metadata.bindings ?? []) as Record<string, string>[];
    const bindings: Record<string, string>[] = [];
    for (const binding of (metadata.bindings ?? []) as Record<string, string>[]) {
      if (binding.type === "secret_text") script.secrets.set(binding.name!, binding.text!);
      if (binding.type !== "inherit") {
        bindings.push(binding);
        continue;
      }
      // `inherit` keeps the previous version's binding of that name (secrets included).
      const kept = previous.find((b) => b.name === binding.name);
      if (!kept && !script.secrets.has(binding.name!))
        return fail(400, 10021, `inherit binding '${binding.name}' is invalid`);
      if (kept) bindings.push(kept);
    }
    metadata.bindings = bindings;
    const migrations = metadata.migrations as { new_tag?: string } | undefined;
    if (migrations?.new_tag) script.migrationTag = migrations.new_tag;
    script.metadata = metadata;
    script.uploads++;
    script.versionId = randomUUID();
    this.scripts.set(name, script);
    return ok({ id: name, etag: randomUUID(), startup_time_ms: 1, deployment_id: randomUUID() });
  }

  async #serve(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", this.#url);
    const requestHeaders = new Headers();
    for (const [key, value] of Object.entries(req.headers))
      if (typeof value === "string") requestHeaders.set(key, value);
    const request: Request = new Request(url, {
      method: req.method,
      headers: requestHeaders,
      body: raw.length > 0 ? raw : undefined,
    });
    this.calls.push({
      method: req.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: await recordedBody(request.clone()),
    });
    const route = this.#routes.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    let response: Response;
    if (!route) {
      this.unknown.push(`${req.method} ${url.pathname}`);
      response = fail(404, 7003, `No route for ${req.method} ${url.pathname}`);
    } else {
      const match = route.pattern.exec(url.pathname)!;
      const params = Object.fromEntries(route.keys.map((k, i) => [k, match[i + 1] ?? ""]));
      try {
        response = await route.handler(request, params);
      } catch (error) {
        response = fail(500, 10000, String(error));
      }
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    res.writeHead(response.status, headers);
    res.end(Buffer.from(await response.arrayBuffer()));
  }
}

async function recordedBody(
  req: Pick<Request, "headers" | "body" | "formData" | "text">,
): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!req.body) return undefined;
  if (type.startsWith("multipart/form-data")) {
    const form = await req.formData();
    return { metadata: JSON.parse(String(form.get("metadata"))) };
  }
  const text = await req.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isReadOnlyQuery(call: RecordedCall): boolean {
  if (!/\/d1\/database\/[^/]+\/(query|raw)$/.test(call.path)) return false;
  const sql = String((call.body as { sql?: string } | undefined)?.sql ?? "");
  return /^\s*(select|pragma|create table if not exists)\b/i.test(sql);
}

function dbInfo(db: FakeDatabase) {
  return {
    uuid: db.uuid,
    name: db.name,
    version: "production",
    num_tables: 0,
    file_size: 0,
    created_at: "2026-12-01T00:00:00Z",
  };
}

function queueInfo(queue: FakeQueue) {
  return {
    queue_id: queue.queue_id,
    queue_name: queue.queue_name,
    created_on: "2026-12-01T00:00:00Z",
    modified_on: "2026-12-01T00:00:00Z",
    producers: [],
    producers_total_count: 0,
    consumers: queue.consumers,
    consumers_total_count: queue.consumers.length,
  };
}

/** Runs D1 API SQL (one statement or several separated by `;`) the way D1 answers it. */
function runSql(
  sqlite: DatabaseSync,
  body: { sql?: string; params?: unknown[] } | { batch?: unknown[] },
) {
  const sql = "sql" in body ? String(body.sql) : "";
  const params = ("params" in body ? body.params : undefined) ?? [];
  const statements = splitStatements(sql);
  return statements.map((statement) => {
    const prepared = sqlite.prepare(statement);
    const isRead =
      /^\s*(select|pragma|with)\b/i.test(statement) || /\breturning\b/i.test(statement);
    const args = statements.length === 1 ? (params as never[]) : [];
    if (!isRead) prepared.run(...args);
    const results = isRead ? prepared.all(...args) : [];
    return {
      results,
      success: true,
      meta: { changed_db: !isRead, changes: 0, duration: 0, rows_read: 0, rows_written: 0 },
    };
  });
}

function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"' || ch === "`") {
      quote = ch;
    } else if (ch === "-" && sql[i + 1] === "-") {
      const end = sql.indexOf("\n", i);
      i = end < 0 ? sql.length : end;
      continue;
    } else if (ch === ";") {
      if (current.trim()) out.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
