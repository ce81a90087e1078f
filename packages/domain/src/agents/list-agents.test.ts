import { env } from "cloudflare:workers";
import { seedIssuer } from "@authpi/testkit/factories";
import { describe, expect, it } from "vitest";
import { CreateAgentInput } from "./agent-input.ts";
import { addVerifier } from "./agent-verifiers.ts";
import { createAgent, listAgents } from "./manage-agents.ts";

const DB = (env as unknown as { DB: D1Database }).DB;

// Hundreds of rows take seconds on a loaded machine; the limit only guards against a hang.
describe("listAgents", { timeout: 60_000 }, () => {
  it("lists a full page of 100 agents with the kinds of verifier each has", async () => {
    const s = await seedIssuer(DB);
    const made = [];
    for (let i = 0; i < 100; i++) {
      made.push(
        await createAgent(s.db, s.ctx, s.issuer.id, CreateAgentInput.parse({ name: `a${i}` })),
      );
    }
    await addVerifier(s.db, s.ctx, s.issuer.id, made[0]!.id, { type: "secret" });
    const page = await listAgents(s.db, s.issuer.id, { limit: 100 });
    expect(page.data).toHaveLength(100);
    const byId = new Map(page.data.map((agent) => [agent.id, agent]));
    expect(byId.get(made[0]!.id)?.verifiers).toEqual(["secret"]);
    expect(byId.get(made[99]!.id)?.verifiers).toEqual([]);
  });
});
