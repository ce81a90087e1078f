import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

interface Operation {
  method: string;
  path: string;
}

/** Every protected route, read from the OpenAPI document (so a new route joins the suite). */
async function protectedOperations(): Promise<Operation[]> {
  const doc = (await (await workerFetch("/openapi.json")).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/v1/accounts/{account_id}"))
    .flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    );
}

async function twoAccounts() {
  const mine = await seedIssuer(DB);
  const theirs = await seedIssuer(DB);
  const post = async (path: string, body: unknown) => {
    const response = await workerFetch(`/v1/accounts/${theirs.accountId}${path}`, {
      method: "POST",
      headers: { authorization: theirs.basicAuth, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return ((await response.json()) as { data: { id: string } }).data.id;
  };
  const org = await post(`/issuers/${theirs.issuer.id}/organizations`, { name: "theirs" });
  const ids: Record<string, string> = {
    issuer_id: theirs.issuer.id,
    org_id: org,
    member_id: theirs.user.id,
    webhook_id: await post("/webhooks", {
      name: "theirs",
      url: "https://hooks.example.com/x",
      auth: { type: "none" },
    }),
    key_id: theirs.keyId,
    token_id: await post(`/issuers/${theirs.issuer.id}/users/${theirs.user.id}/tokens`, {
      name: "theirs",
    }),
    event_id: "evt_00000000000000000000000000",
    delivery_id: "dlv_00000000000000000000000000",
  };
  return { mine, theirs, ids };
}

/** A new API key of the account with these scopes, as an `Authorization` header. */
async function keyOf(account: { accountId: string; basicAuth: string }, scopes: string[]) {
  const created = await workerFetch(`/v1/accounts/${account.accountId}/api-keys`, {
    method: "POST",
    headers: { authorization: account.basicAuth, "content-type": "application/json" },
    body: JSON.stringify({ name: "isolation", restrictions: { scopes } }),
  });
  const { data } = (await created.json()) as { data: { id: string; secret_plain: string } };
  return `Basic ${btoa(`${data.id}:${data.secret_plain}`)}`;
}

function fill(path: string, accountId: string, ids: Record<string, string>): string {
  return path
    .replace("{account_id}", accountId)
    .replace(/\{(\w+)\}/g, (_m, name: string) => ids[name] ?? "x_unknown");
}

function send(op: Operation, path: string, auth: string) {
  return workerFetch(path, {
    method: op.method,
    headers: { authorization: auth, "content-type": "application/json" },
    ...(op.method === "GET" || op.method === "DELETE" ? {} : { body: "{}" }),
  });
}

describe("isolation suite: every protected route", () => {
  it("answers 404, never 403, when the account in the path is another account", async () => {
    const { mine, theirs, ids } = await twoAccounts();
    for (const op of await protectedOperations()) {
      const response = await send(op, fill(op.path, theirs.accountId, ids), mine.basicAuth);
      expect(response.status, `${op.method} ${op.path}`).toBe(404);
      expect(((await response.json()) as { error: string }).error).toBe("not_found");
    }
  });

  it("never reaches another account's resources through ids in my own account's paths", async () => {
    const { mine, ids } = await twoAccounts();
    let auth = mine.basicAuth;
    let sent = 0;
    for (const op of await protectedOperations()) {
      if (
        !/\{(?!account_id)\w+\}/.test(op.path) ||
        (op.method === "POST" &&
          !/\/(rotate|block|unblock|revoke|test|redeliver|rotate-secret|members)$/.test(op.path))
      )
        continue;
      // A fresh owner-scoped key every 50 calls keeps each under the per-key rate limit.
      if (++sent % 50 === 0) auth = await keyOf(mine, ["*:**"]);
      const response = await send(op, fill(op.path, mine.accountId, ids), auth);
      expect([404, 422], `${op.method} ${op.path} answered ${response.status}`).toContain(
        response.status,
      );
    }
  });

  it("denies every route to a key without scopes (403 insufficient_scope)", async () => {
    const { mine, ids } = await twoAccounts();
    const operations = await protectedOperations();
    let auth = "";
    for (const [i, op] of operations.entries()) {
      // A fresh key every 50 routes keeps each under the test pool's per-key rate limit.
      if (i % 50 === 0) auth = await keyOf(mine, []);
      const response = await send(op, fill(op.path, mine.accountId, ids), auth);
      expect(response.status, `${op.method} ${op.path}`).toBe(403);
    }
  });
});
