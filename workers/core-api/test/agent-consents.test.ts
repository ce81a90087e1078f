import { env } from "cloudflare:workers";
import { CreateAgentInput, createAgent } from "@authpi/domain/agents";
import { seedIssuer } from "@authpi/testkit/factories";
import { apiCall, dataOf } from "@authpi/testkit/worker-fetch";
import { describe, expect, it } from "vitest";

const DB = (env as unknown as { DB: D1Database }).DB;

async function seeded() {
  const s = await seedIssuer(DB);
  const agent = await createAgent(
    s.db,
    s.ctx,
    s.issuer.id,
    CreateAgentInput.parse({ name: "mail-bot", scopes: ["email", "tickets:read"] }),
  );
  const base = `/v1/accounts/${s.accountId}/issuers/${s.issuer.id}/users/${s.user.id}/consents`;
  return { ...s, agent, base };
}

type Consent = { client_id: string; kind: string; client_name: string | null; scopes: string[] };

describe("letting an agent act for a user (token exchange consent)", () => {
  it("creates the consent (201), lists it as kind agent, and withdraws it (204)", async () => {
    const s = await seeded();
    const created = await apiCall("POST", s.base, s.basicAuth, {
      agent_id: s.agent.id,
      scopes: ["email"],
    });
    expect(created.status).toBe(201);
    expect(await dataOf<Consent>(created)).toMatchObject({
      client_id: s.agent.id,
      kind: "agent",
      client_name: "mail-bot",
      scopes: ["email"],
    });
    const listed = await dataOf<Consent[]>(await apiCall("GET", s.base, s.basicAuth));
    expect(listed.map((c) => [c.client_id, c.kind, c.client_name])).toEqual([
      [s.agent.id, "agent", "mail-bot"],
    ]);
    const deleted = await apiCall("DELETE", `${s.base}/${s.agent.id}`, s.basicAuth);
    expect(deleted.status).toBe(204);
    expect(await dataOf<Consent[]>(await apiCall("GET", s.base, s.basicAuth))).toEqual([]);
  });

  it("defaults to all of the agent's scopes", async () => {
    const s = await seeded();
    const created = await apiCall("POST", s.base, s.basicAuth, { agent_id: s.agent.id });
    expect((await dataOf<Consent>(created)).scopes).toEqual(["email", "tickets:read"]);
  });

  it("refuses scopes beyond the agent's, an unknown agent, another issuer's agent and unknown fields", async () => {
    const s = await seeded();
    const beyond = await apiCall("POST", s.base, s.basicAuth, {
      agent_id: s.agent.id,
      scopes: ["admin"],
    });
    expect(beyond.status).toBe(422);
    expect(await beyond.json()).toMatchObject({ error: "invalid_request" });
    const unknown = await apiCall("POST", s.base, s.basicAuth, {
      agent_id: `agt_${"0".repeat(32)}`,
    });
    expect(unknown.status).toBe(404);
    const other = await seeded();
    const foreign = await apiCall("POST", s.base, s.basicAuth, { agent_id: other.agent.id });
    expect(foreign.status).toBe(404);
    const extra = await apiCall("POST", s.base, s.basicAuth, {
      agent_id: s.agent.id,
      client_id: "c_x",
    });
    expect(extra.status).toBe(422);
    expect(JSON.stringify(await extra.json())).toContain("client_id");
  });
});
