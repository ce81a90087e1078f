import { env } from "cloudflare:workers";
import { seedAccount } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

function call(method: string, path: string, auth: string, body?: unknown) {
  return workerFetch(path, {
    method,
    headers: { "content-type": "application/json", authorization: auth },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const basic = (id: string, secret: string) => `Basic ${btoa(`${id}:${secret}`)}`;

async function newKey(
  account: Awaited<ReturnType<typeof seedAccount>>,
  scopes: string[],
  extra: Record<string, unknown> = {},
) {
  const response = await call(
    "POST",
    `/v1/accounts/${account.accountId}/api-keys`,
    account.basicAuth,
    {
      name: "ci",
      restrictions: { scopes },
      ...extra,
    },
  );
  expect(response.status).toBe(201);
  const { data } = (await response.json()) as {
    data: { id: string; secret_plain: string; secret: { hint: string } };
  };
  return {
    id: data.id,
    secret: data.secret_plain,
    auth: basic(data.id, data.secret_plain),
    hint: data.secret.hint,
  };
}

describe("API keys", () => {
  it("shows the secret once, stores only a hint, and a key can do only what its scopes allow", async () => {
    const account = await seedAccount(DB);
    const key = await newKey(account, ["issuers:read"]);
    expect(key.secret.endsWith(key.hint)).toBe(true);
    const got = await call(
      "GET",
      `/v1/accounts/${account.accountId}/api-keys/${key.id}`,
      account.basicAuth,
    );
    expect(JSON.stringify(await got.json())).not.toContain(key.secret);
    expect((await call("GET", `/v1/accounts/${account.accountId}/issuers`, key.auth)).status).toBe(
      200,
    );
    const denied = await call("POST", `/v1/accounts/${account.accountId}/issuers`, key.auth, {
      name: "x",
    });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: string }).error).toBe("insufficient_scope");
  });

  it("denies everything to a key without scopes and refuses to grant more than the caller holds", async () => {
    const account = await seedAccount(DB);
    const empty = await newKey(account, []);
    expect(
      (await call("GET", `/v1/accounts/${account.accountId}/issuers`, empty.auth)).status,
    ).toBe(403);
    const writer = await newKey(account, ["api-keys:write", "issuers:read"]);
    const escalate = await call("POST", `/v1/accounts/${account.accountId}/api-keys`, writer.auth, {
      name: "more",
      restrictions: { scopes: ["*:**"] },
    });
    expect(escalate.status).toBe(403);
  });

  it("rotates with the old secret still valid, blocks, unblocks, revokes and expires", async () => {
    const account = await seedAccount(DB);
    const key = await newKey(account, ["issuers:read"]);
    const list = (auth: string) => call("GET", `/v1/accounts/${account.accountId}/issuers`, auth);
    const rotated = await call(
      "POST",
      `/v1/accounts/${account.accountId}/api-keys/${key.id}/rotate`,
      account.basicAuth,
    );
    const fresh = ((await rotated.json()) as { data: { secret_plain: string } }).data.secret_plain;
    expect((await list(basic(key.id, fresh))).status).toBe(200);
    expect((await list(key.auth)).status).toBe(200);

    const path = `/v1/accounts/${account.accountId}/api-keys/${key.id}`;
    expect(
      (
        (await (await call("POST", `${path}/block`, account.basicAuth)).json()) as {
          data: { status: string };
        }
      ).data.status,
    ).toBe("blocked");
    expect((await list(basic(key.id, fresh))).status).toBe(401);
    await call("POST", `${path}/unblock`, account.basicAuth);
    expect((await list(basic(key.id, fresh))).status).toBe(200);
    await call("POST", `${path}/revoke`, account.basicAuth);
    expect((await list(basic(key.id, fresh))).status).toBe(401);
    expect((await call("POST", `${path}/unblock`, account.basicAuth)).status).toBe(409);

    const expiring = await newKey(account, ["issuers:read"], { expires_at: Date.now() - 1 });
    expect((await list(expiring.auth)).status).toBe(401);
  });

  it("lists keys in authpi-admin's ApiKeyListItem shape and records a block reason", async () => {
    const account = await seedAccount(DB);
    const key = await newKey(account, ["issuers:read"]);
    const path = `/v1/accounts/${account.accountId}/api-keys`;
    await call("POST", `${path}/${key.id}/rotate`, account.basicAuth);
    const listed = (await (await call("GET", path, account.basicAuth)).json()) as {
      data: Record<string, unknown>[];
    };
    const item = listed.data.find((k) => k.id === key.id);
    const rotated = (await (await call("GET", `${path}/${key.id}`, account.basicAuth)).json()) as {
      data: { secret: { hint: string } };
    };
    expect(item).toMatchObject({
      secret_hint: rotated.data.secret.hint,
      scopes: ["issuers:read"],
      ip_allowlist: null,
      restrictions: { scopes: ["issuers:read"] },
    });
    expect(item?.last_rotated_at).toEqual(expect.any(Number));

    const blocked = await call("POST", `${path}/${key.id}/block`, account.basicAuth, {
      reason: "leaked in a log",
    });
    expect(((await blocked.json()) as { data: unknown }).data).toMatchObject({
      status: "blocked",
      status_reason: "leaked in a log",
    });
    const bad = await call("POST", `${path}/${key.id}/unblock`, account.basicAuth, {
      reason: 42,
    });
    expect(bad.status).toBe(422);
  });
});
