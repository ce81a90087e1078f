import { env } from "cloudflare:workers";
import { grantConsent } from "@authpi/domain/consents";
import { shardOf } from "@authpi/domain/oauth";
import { seedIssuer } from "@authpi/testkit/factories";
import { issuerShardOf, issuerStoreOf, openSessions } from "@authpi/testkit/many-sessions";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";

const bindings = env as unknown as Env;

type Session = { id: string; type: string; status: string; created_at: number };

async function shardedIssuer(shards: number) {
  const s = await seedIssuer(bindings.DB);
  const path = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
  const grown = await apiCall("PATCH", path, s.basicAuth, {
    settings: { access: { sessions: { store_shards: shards } } },
  });
  expect(grown.status).toBe(200);
  return { s, path };
}

describe("sessions of an issuer with four shards", () => {
  it("lists a user's sessions from every shard, newest first, and revokes each in its shard", async () => {
    const { s, path } = await shardedIssuer(4);
    const ids = await openSessions(s.issuer.id, s.user.id, s.web.client.id, {
      ops: 4,
      rpsPerOp: 1,
      shards: 4,
    });
    expect(new Set(ids.map((id) => shardOf(id, "id")))).toEqual(new Set([0, 1, 2, 3]));

    const listed = await dataOf<Session[]>(
      await apiCall("GET", `${path}/users/${s.user.id}/sessions`, s.basicAuth),
    );
    expect(listed.map((x) => x.id).sort()).toEqual([...ids].sort());
    const created = listed.map((x) => x.created_at);
    expect(created).toEqual([...created].sort((a, b) => b - a));

    const far = ids.find((id) => shardOf(id, "id") === 3) as string;
    const revoked = await apiCall("POST", `${path}/sessions/${far}/revoke`, s.basicAuth);
    expect(revoked.status).toBe(200);
    expect((await dataOf<Session>(revoked)).status).toBe("revoked");
    expect((await issuerShardOf(s.issuer.id, 3).getSession(far, Date.now()))?.status).toBe(
      "revoked",
    );
  });

  it("ends a blocked user's sessions in every shard", async () => {
    const { s, path } = await shardedIssuer(4);
    const ids = await openSessions(s.issuer.id, s.user.id, s.web.client.id, {
      ops: 4,
      rpsPerOp: 1,
      shards: 4,
    });
    const blocked = await apiCall("PATCH", `${path}/users/${s.user.id}`, s.basicAuth, {
      status: "suspended",
    });
    expect(blocked.status).toBe(200);
    const listed = await dataOf<Session[]>(
      await apiCall("GET", `${path}/users/${s.user.id}/sessions`, s.basicAuth),
    );
    expect(listed).toHaveLength(ids.length);
    expect(listed.filter((x) => x.status !== "revoked")).toEqual([]);
  });

  it("withdrawing a consent ends that client's sessions in every shard, and only those", async () => {
    const { s, path } = await shardedIssuer(4);
    await grantConsent(s.db, s.ctx, s.issuer.id, s.user.id, s.web.client.id, ["openid"]);
    const tree = await openSessions(s.issuer.id, s.user.id, s.web.client.id, {
      ops: 4,
      rpsPerOp: 1,
      shards: 4,
    });
    const withdrawn = await apiCall(
      "DELETE",
      `${path}/users/${s.user.id}/consents/${s.web.client.id}`,
      s.basicAuth,
    );
    expect(withdrawn.status).toBe(204);
    const store = issuerStoreOf(s.issuer.id);
    const after = await store.listSessions({ userId: s.user.id }, Date.now());
    const status = new Map(after.map((x) => [x.id, [x.type, x.status, shardOf(x.id, "id")]]));
    expect(tree.map((id) => status.get(id)).sort()).toEqual(
      [0, 1, 2, 3]
        .flatMap((shard) => [
          ["op", "active", shard],
          ["rp", "revoked", shard],
        ])
        .sort(),
    );
  });

  it("refuses to lower the shard count, naming the field, and keeps the setting", async () => {
    const { s, path } = await shardedIssuer(4);
    for (const value of [2, null]) {
      const lower = await apiCall("PATCH", path, s.basicAuth, {
        settings: { access: { sessions: { store_shards: value } } },
      });
      expect(lower.status).toBe(422);
      expect(await lower.json()).toMatchObject({
        error: "invalid_request",
        error_description: expect.stringContaining(
          "settings.access.sessions.store_shards: may only grow",
        ),
      });
    }
    const over = await apiCall("PATCH", path, s.basicAuth, {
      settings: { access: { sessions: { store_shards: 65 } } },
    });
    expect(over.status).toBe(422);
    const read = await dataOf<{ settings: { access: { sessions: Record<string, unknown> } } }>(
      await apiCall("GET", path, s.basicAuth),
    );
    expect(read.settings.access.sessions.store_shards).toBe(4);
  });

  it("answers 404 for a session id retagged to another shard", async () => {
    const { s, path } = await shardedIssuer(4);
    const [op] = await openSessions(s.issuer.id, s.user.id, s.web.client.id, {
      ops: 2,
      rpsPerOp: 0,
      shards: 2,
    }).then((ids) => ids.filter((id) => shardOf(id, "id") === 1));
    const bare = (op as string).slice(0, -3);
    for (const forged of [bare, `${bare}u02`, `${bare}u1z`]) {
      const got = await apiCall("GET", `${path}/sessions/${forged}`, s.basicAuth);
      expect(got.status).toBe(404);
    }
    expect((await apiCall("GET", `${path}/sessions/${op}`, s.basicAuth)).status).toBe(200);
  });
});
