import { env } from "cloudflare:workers";
import { sha256Hex } from "@authpi/domain/crypto";
import { agentVerifiers, events } from "@authpi/domain/db";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

type Agent = { id: string; status: string; scopes: string[]; verifiers: string[] };
type Verifier = { id: string; type: string; credential: Record<string, unknown>; secret?: string };

describe("agents", () => {
  it("creates, adds verifiers, lists with filters, suspends and deletes, with events", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/agents`;
    const created = await apiCall("POST", base, s.basicAuth, {
      name: "triage-bot",
      model: "claude-sonnet",
      provider: "anthropic",
      scopes: ["tickets:read", "tickets:read"],
    });
    expect(created.status).toBe(201);
    const agent = await dataOf<Agent>(created);
    expect(agent.id).toMatch(/^agt_[0-9a-f]{32}$/);
    expect(agent).toMatchObject({ status: "active", scopes: ["tickets:read"], verifiers: [] });
    const idle = await apiCall("POST", base, s.basicAuth, { name: "idle", model: "other" });
    const idleAgent = await dataOf<Agent>(idle);

    const added = await apiCall("POST", `${base}/${agent.id}/verifiers`, s.basicAuth, {
      type: "secret",
      name: "ci",
    });
    expect(added.status).toBe(201);
    const secretVerifier = await dataOf<Verifier>(added);
    expect(secretVerifier.secret).toMatch(/^ags_/);
    const [stored] = await s.db
      .select()
      .from(agentVerifiers)
      .where(eq(agentVerifiers.id, secretVerifier.id));
    expect(stored?.secretHash).toBe(await sha256Hex(secretVerifier.secret as string));
    const wallet = await apiCall("POST", `${base}/${agent.id}/verifiers`, s.basicAuth, {
      type: "wallet",
      address: "eip155:8453:0xab16a96D359eC26a11e2C2b3d8f8B8942d5Bfcdb",
    });
    expect((await dataOf<Verifier>(wallet)).credential).toMatchObject({ chain_id: "eip155:8453" });
    const badWallet = await apiCall("POST", `${base}/${agent.id}/verifiers`, s.basicAuth, {
      type: "wallet",
      address: "not-an-address",
    });
    expect(badWallet.status).toBe(422);
    expect(await badWallet.json()).toMatchObject({
      error_description: expect.stringContaining("address"),
    });

    const listed = await dataOf<Verifier[]>(
      await apiCall("GET", `${base}/${agent.id}/verifiers`, s.basicAuth),
    );
    expect(listed.map((v) => v.type).sort()).toEqual(["secret", "wallet"]);
    expect(listed.every((v) => v.secret === undefined)).toBe(true);

    const withVerifiers = await dataOf<Agent[]>(
      await apiCall("GET", `${base}?has_verifiers=true`, s.basicAuth),
    );
    expect(withVerifiers.map((a) => [a.id, a.verifiers])).toEqual([
      [agent.id, ["secret", "wallet"]],
    ]);
    const without = await dataOf<Agent[]>(
      await apiCall("GET", `${base}?has_verifiers=false`, s.basicAuth),
    );
    expect(without.map((a) => a.id)).toEqual([idleAgent.id]);
    const byModel = await dataOf<Agent[]>(await apiCall("GET", `${base}?model=other`, s.basicAuth));
    expect(byModel.map((a) => a.id)).toEqual([idleAgent.id]);

    const got = await apiCall("GET", `${base}/${agent.id}`, s.basicAuth);
    const suspended = await apiCall(
      "PATCH",
      `${base}/${agent.id}`,
      s.basicAuth,
      { status: "suspended", status_reason: "runaway loop" },
      { "if-match": got.headers.get("etag") as string },
    );
    expect(await dataOf(suspended)).toMatchObject({
      status: "suspended",
      status_reason: "runaway loop",
    });
    const stale = await apiCall(
      "PATCH",
      `${base}/${agent.id}`,
      s.basicAuth,
      { name: "x" },
      {
        "if-match": got.headers.get("etag") as string,
      },
    );
    expect(stale.status).toBe(412);

    const removed = await apiCall(
      "DELETE",
      `${base}/${agent.id}/verifiers/${secretVerifier.id}`,
      s.basicAuth,
    );
    expect(removed.status).toBe(204);
    expect((await apiCall("DELETE", `${base}/${agent.id}`, s.basicAuth)).status).toBe(204);
    expect((await apiCall("GET", `${base}/${agent.id}`, s.basicAuth)).status).toBe(404);
    const left = await s.db
      .select()
      .from(agentVerifiers)
      .where(eq(agentVerifiers.agentId, agent.id));
    expect(left).toEqual([]);
    const types = (await s.db.select().from(events).where(eq(events.subjectId, agent.id))).map(
      (e) => e.type,
    );
    expect(types).toEqual([
      "agent.created",
      "agent.verifier.added",
      "agent.verifier.added",
      "agent.updated",
      "agent.verifier.removed",
      "agent.deleted",
    ]);
  });

  it("caps verifiers at 20 and scopes at 256, and joins organizations like a user", async () => {
    const s = await seedIssuer(DB);
    const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}`;
    const tooMany = await apiCall("POST", `${base}/agents`, s.basicAuth, {
      name: "greedy",
      scopes: Array.from({ length: 257 }, (_, i) => `s${i}:read`),
    });
    expect(tooMany.status).toBe(422);
    const agent = await dataOf<Agent>(
      await apiCall("POST", `${base}/agents`, s.basicAuth, { name: "worker" }),
    );
    for (let i = 0; i < 20; i++) {
      const r = await apiCall("POST", `${base}/agents/${agent.id}/verifiers`, s.basicAuth, {
        type: "secret",
      });
      expect(r.status).toBe(201);
    }
    const twentyFirst = await apiCall("POST", `${base}/agents/${agent.id}/verifiers`, s.basicAuth, {
      type: "secret",
    });
    expect(twentyFirst.status).toBe(409);

    const org = await dataOf<{ id: string }>(
      await apiCall("POST", `${base}/organizations`, s.basicAuth, { name: "Acme" }),
    );
    const member = await apiCall("POST", `${base}/organizations/${org.id}/members`, s.basicAuth, {
      member_id: agent.id,
      scopes: ["tickets:read"],
    });
    expect(member.status).toBe(201);
  });
});
