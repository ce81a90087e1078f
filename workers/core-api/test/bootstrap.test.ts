import { env } from "cloudflare:workers";
import { accounts, apiKeys, createDb } from "@authpi/domain/db";
import { TEST_SECRETS } from "@authpi/testkit/test-secrets";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

function bootstrap(token: string) {
  return workerFetch("/v1/bootstrap", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ account_name: "Mine" }),
  });
}

describe("POST /v1/bootstrap", () => {
  it("needs the bootstrap token, works once, and the key it returns works", async () => {
    const db = createDb(DB);
    await db.delete(apiKeys);
    await db.delete(accounts);
    expect((await bootstrap("wrong")).status).toBe(401);
    const response = await bootstrap(TEST_SECRETS.BOOTSTRAP_TOKEN);
    expect(response.status).toBe(201);
    const { data } = (await response.json()) as {
      data: { account_id: string; api_key_id: string; api_key_secret: string };
    };
    expect((await bootstrap(TEST_SECRETS.BOOTSTRAP_TOKEN)).status).toBe(409);
    const list = await workerFetch(`/v1/accounts/${data.account_id}/issuers`, {
      headers: { authorization: `Basic ${btoa(`${data.api_key_id}:${data.api_key_secret}`)}` },
    });
    expect(list.status).toBe(200);
  });
});
