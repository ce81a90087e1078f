import {
  addVerifier,
  agentToWire,
  createAgent,
  deleteAgent,
  getAgent,
  listAgents,
  listVerifiers,
  removeVerifier,
  updateAgent,
  verifierToWire,
  verifierTypesOf,
} from "@authpi/domain/agents";
import { createDb } from "@authpi/domain/db";
import type { OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId, issuerScope } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { openApiApp } from "../openapi.ts";
import { withEtag } from "../respond.ts";
import { routeTable } from "../route-table.ts";
import {
  AgentListQuery,
  AgentParams,
  AgentSchema,
  AgentVerifierSchema,
  CreateAgentBody,
  CreatedAgentVerifierSchema,
  CreateVerifierBody,
  UpdateAgentBody,
  VerifierParams,
} from "../schemas/agent.ts";
import { errorResponses, IssuerParams } from "../schemas/common.ts";

const table = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/agents",
  item: "{agent_id}",
  tags: ["Agents"],
  scope: "issuers.agents",
  params: IssuerParams,
  itemParams: AgentParams,
  schema: AgentSchema,
  noun: "agent",
});
const verifiers = routeTable({
  path: "/v1/accounts/{account_id}/issuers/{issuer_id}/agents/{agent_id}/verifiers",
  item: "{verifier_id}",
  tags: ["Agents"],
  scope: "issuers.agents",
  params: AgentParams,
  itemParams: VerifierParams,
  schema: AgentVerifierSchema,
  noun: "verifier",
});

const routes = {
  create: table.create({
    summary: "Create an agent (a non-human identity of the issuer)",
    body: CreateAgentBody,
  }),
  list: table.list({
    summary: "List agents, newest first, by status, model, provider or verifiers",
    query: AgentListQuery,
  }),
  get: table.get({ summary: "Get an agent" }),
  update: table.update({
    summary: "Update an agent; `status` suspends, blocks or restores it",
    body: UpdateAgentBody,
    responses: { 412: errorResponses[422] },
  }),
  delete: table.delete({
    summary: "Delete an agent with its verifiers and memberships",
  }),
  listVerifiers: verifiers.list({
    summary: "List an agent's verifiers (never their secrets)",
    text: "The verifiers",
  }),
  addVerifier: verifiers.create({
    summary: "Add a secret verifier (secret shown once) or a wallet verifier (CAIP-10)",
    body: CreateVerifierBody,
    returns: CreatedAgentVerifierSchema,
  }),
  removeVerifier: verifiers.delete({
    summary: "Remove a verifier; tokens it obtained lapse within 5 minutes",
    text: "Removed",
    ifMatch: false,
  }),
};

export const agentRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const { db, ctx, issuerId } = await issuerScope(c, c.req.valid("param").issuer_id);
    const agent = await createAgent(db, ctx, issuerId, c.req.valid("json"));
    return withEtag(c, agent, agentToWire(agent), 201);
  })
  .openapi(routes.list, async (c) => {
    const id = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listAgents(createDb(c.env.DB), id, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, agent_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    const agent = await getAgent(db, issuerId, agent_id);
    const types = await verifierTypesOf(db, [agent.id]);
    return withEtag(c, agent, agentToWire(agent, types.get(agent.id)), 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, agent_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const ifMatch = c.req.valid("header")["if-match"];
    const agent = await updateAgent(db, ctx, issuerId, agent_id, c.req.valid("json"), ifMatch);
    const types = await verifierTypesOf(db, [agent.id]);
    return withEtag(c, agent, agentToWire(agent, types.get(agent.id)), 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, agent_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    await deleteAgent(db, ctx, issuerId, agent_id, c.req.valid("header")["if-match"]);
    return c.body(null, 204);
  })
  .openapi(routes.listVerifiers, async (c) => {
    const { issuer_id, agent_id } = c.req.valid("param");
    const { db, issuerId } = await issuerScope(c, issuer_id);
    const rows = await listVerifiers(db, issuerId, agent_id);
    return c.json({ data: rows.map(verifierToWire), has_more: false, next_cursor: null }, 200);
  })
  .openapi(routes.addVerifier, async (c) => {
    const { issuer_id, agent_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    const input = c.req.valid("json");
    const { verifier, secret } = await addVerifier(db, ctx, issuerId, agent_id, input);
    return c.json({ data: { ...verifierToWire(verifier), secret } }, 201);
  })
  .openapi(routes.removeVerifier, async (c) => {
    const { issuer_id, agent_id, verifier_id } = c.req.valid("param");
    const { db, ctx, issuerId } = await issuerScope(c, issuer_id);
    await removeVerifier(db, ctx, issuerId, agent_id, verifier_id);
    return c.body(null, 204);
  });
