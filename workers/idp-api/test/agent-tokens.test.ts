import { env } from "cloudflare:workers";
import { addVerifier, CreateAgentInput, createAgent, updateAgent } from "@authpi/domain/agents";
import { agentVerifiers, events } from "@authpi/domain/db";
import {
  addMember,
  CreateOrganizationInput,
  createOrganization,
  MemberInput,
} from "@authpi/domain/organizations";
import { seedIssuer } from "@authpi/testkit/factories";
import { workerFetch } from "@authpi/testkit/worker-fetch";
import { eq } from "drizzle-orm";
import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { issuerStore } from "../src/store.ts";
import { introspect, postForm } from "./support/raw-flow.ts";

const DB = (env as unknown as Env).DB;

async function seedAgent(scopes = ["tickets:read", "tickets:write"]) {
  const seeded = await seedIssuer(DB);
  const agent = await createAgent(
    seeded.db,
    seeded.ctx,
    seeded.issuer.id,
    CreateAgentInput.parse({ name: "triage-bot", model: "claude", provider: "anthropic", scopes }),
  );
  const { secret } = await addVerifier(seeded.db, seeded.ctx, seeded.issuer.id, agent.id, {
    type: "secret",
  });
  return { seeded, agent, secret: secret as string };
}

async function verify(issuerId: string, token: string) {
  const jwks = (await (await workerFetch(`/${issuerId}/jwks.json`)).json()) as JSONWebKeySet;
  return (await jwtVerify(token, createLocalJWKSet(jwks), { typ: "at+jwt" })).payload;
}

describe("agent tokens (client_credentials with client_id=agt_…)", () => {
  it("issues a 5-minute access token for the agent, with its scopes and organizations", async () => {
    const { seeded, agent, secret } = await seedAgent();
    const org = await createOrganization(
      seeded.db,
      seeded.ctx,
      seeded.issuer.id,
      CreateOrganizationInput.parse({ name: "Acme" }),
    );
    await addMember(
      seeded.db,
      issuerStore(env as unknown as Env, seeded.issuer.id),
      seeded.ctx,
      seeded.issuer.id,
      org.id,
      MemberInput.parse({ member_id: agent.id, scopes: ["tickets:read"] }),
    );
    const response = await postForm(
      `/${seeded.issuer.id}/token`,
      { grant_type: "client_credentials", scope: "tickets:read" },
      { id: agent.id, secret },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 300, scope: "tickets:read" });
    expect(body.refresh_token).toBeUndefined();
    expect(body.id_token).toBeUndefined();
    const claims = await verify(seeded.issuer.id, body.access_token as string);
    expect(claims).toMatchObject({
      sub: agent.id,
      client_id: agent.id,
      dat: { type: "agent" },
      scope: "tickets:read",
      organizations: [{ id: org.id, scopes: ["tickets:read"] }],
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(300);

    // A client introspects only its own tokens (RFC 7662 §4): not an agent's.
    expect(await introspect(seeded, body.access_token as string)).toEqual({ active: false });
    const [verifier] = await seeded.db
      .select()
      .from(agentVerifiers)
      .where(eq(agentVerifiers.agentId, agent.id));
    expect(verifier?.usageCount).toBe(1);
    const issued = await seeded.db.select().from(events).where(eq(events.subjectId, agent.id));
    expect(issued.map((e) => e.type)).toContain("machine.token.issued");
  });

  it("without scope gets all of the agent's scopes; beyond them is invalid_scope", async () => {
    const { seeded, agent, secret } = await seedAgent();
    const path = `/${seeded.issuer.id}/token`;
    const all = await postForm(
      path,
      { grant_type: "client_credentials" },
      { id: agent.id, secret },
    );
    expect(((await all.json()) as { scope: string }).scope).toBe("tickets:read tickets:write");
    // client_secret_post works too.
    const beyond = await postForm(path, {
      grant_type: "client_credentials",
      scope: "tickets:read admin",
      client_id: agent.id,
      client_secret: secret,
    });
    expect(beyond.status).toBe(400);
    expect(await beyond.json()).toMatchObject({ error: "invalid_scope" });
  });

  it("refuses a wrong secret, a suspended agent, a removed verifier and other grants", async () => {
    const { seeded, agent, secret } = await seedAgent();
    const path = `/${seeded.issuer.id}/token`;
    const cc = { grant_type: "client_credentials" };
    const wrong = await postForm(path, cc, { id: agent.id, secret: `${secret}x` });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
    const noSecret = await postForm(path, { ...cc, client_id: agent.id });
    expect(noSecret.status).toBe(401);
    const refresh = await postForm(
      path,
      { grant_type: "refresh_token", refresh_token: "x" },
      { id: agent.id, secret },
    );
    expect(await refresh.json()).toMatchObject({ error: "unauthorized_client" });

    // Another issuer's agent is unknown here.
    const other = await seedIssuer(DB);
    const elsewhere = await postForm(`/${other.issuer.id}/token`, cc, { id: agent.id, secret });
    expect(elsewhere.status).toBe(401);

    await updateAgent(seeded.db, seeded.ctx, seeded.issuer.id, agent.id, { status: "suspended" });
    expect((await postForm(path, cc, { id: agent.id, secret })).status).toBe(401);
    await updateAgent(seeded.db, seeded.ctx, seeded.issuer.id, agent.id, { status: "active" });
    expect((await postForm(path, cc, { id: agent.id, secret })).status).toBe(200);
    await seeded.db.delete(agentVerifiers).where(eq(agentVerifiers.agentId, agent.id));
    expect((await postForm(path, cc, { id: agent.id, secret })).status).toBe(401);
  });
});
