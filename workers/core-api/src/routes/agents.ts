import { addVerifier, listVerifiers, removeVerifier } from "@authpi/domain/agents/agent-verifiers";
import { agentToWire, verifierToWire } from "@authpi/domain/agents/agent-wire";
import {
  createAgent,
  deleteAgent,
  getAgent,
  listAgents,
  updateAgent,
  verifierTypesOf,
} from "@authpi/domain/agents/manage-agents";
import { createDb } from "@authpi/domain/db/client";
import { etagOf } from "@authpi/domain/etag";
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { callerIssuerId } from "../caller-issuer.ts";
import type { AppEnv } from "../env.ts";
import { requireScope } from "../middleware/require-scope.ts";
import { mutationContext } from "../mutation-context.ts";
import { openApiApp } from "../openapi.ts";
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
import {
  errorResponses,
  IfMatchHeader,
  IssuerParams,
  jsonBody,
  jsonResponse,
  page,
  single,
} from "../schemas/common.ts";

const base = "/v1/accounts/{account_id}/issuers/{issuer_id}/agents";
const tags = ["Agents"];
const read = requireScope("issuers.agents:read");
const write = requireScope("issuers.agents:write");
const one = (description: string) => jsonResponse(single(AgentSchema), description);

const routes = {
  create: createRoute({
    method: "post",
    path: base,
    tags,
    summary: "Create an agent (a non-human identity of the issuer)",
    middleware: [write] as const,
    request: { params: IssuerParams, body: jsonBody(CreateAgentBody) },
    responses: { 201: one("The agent"), ...errorResponses },
  }),
  list: createRoute({
    method: "get",
    path: base,
    tags,
    summary: "List agents, newest first, by status, model, provider or verifiers",
    middleware: [read] as const,
    request: { params: IssuerParams, query: AgentListQuery },
    responses: { 200: jsonResponse(page(AgentSchema), "A page of agents"), ...errorResponses },
  }),
  get: createRoute({
    method: "get",
    path: `${base}/{agent_id}`,
    tags,
    summary: "Get an agent",
    middleware: [read] as const,
    request: { params: AgentParams },
    responses: { 200: one("The agent"), ...errorResponses },
  }),
  update: createRoute({
    method: "patch",
    path: `${base}/{agent_id}`,
    tags,
    summary: "Update an agent; `status` suspends, blocks or restores it",
    middleware: [write] as const,
    request: { params: AgentParams, headers: IfMatchHeader, body: jsonBody(UpdateAgentBody) },
    responses: { 200: one("The agent"), 412: errorResponses[422], ...errorResponses },
  }),
  delete: createRoute({
    method: "delete",
    path: `${base}/{agent_id}`,
    tags,
    summary: "Delete an agent with its verifiers and memberships",
    middleware: [write] as const,
    request: { params: AgentParams, headers: IfMatchHeader },
    responses: { 204: { description: "Deleted" }, ...errorResponses },
  }),
  listVerifiers: createRoute({
    method: "get",
    path: `${base}/{agent_id}/verifiers`,
    tags,
    summary: "List an agent's verifiers (never their secrets)",
    middleware: [read] as const,
    request: { params: AgentParams },
    responses: {
      200: jsonResponse(page(AgentVerifierSchema), "The verifiers"),
      ...errorResponses,
    },
  }),
  addVerifier: createRoute({
    method: "post",
    path: `${base}/{agent_id}/verifiers`,
    tags,
    summary: "Add a secret verifier (secret shown once) or a wallet verifier (CAIP-10)",
    middleware: [write] as const,
    request: { params: AgentParams, body: jsonBody(CreateVerifierBody) },
    responses: {
      201: jsonResponse(single(CreatedAgentVerifierSchema), "The verifier"),
      ...errorResponses,
    },
  }),
  removeVerifier: createRoute({
    method: "delete",
    path: `${base}/{agent_id}/verifiers/{verifier_id}`,
    tags,
    summary: "Remove a verifier; tokens it obtained lapse within 5 minutes",
    middleware: [write] as const,
    request: { params: VerifierParams },
    responses: { 204: { description: "Removed" }, ...errorResponses },
  }),
};

export const agentRoutes: OpenAPIHono<AppEnv> = openApiApp()
  .openapi(routes.create, async (c) => {
    const id = await callerIssuerId(c, c.req.valid("param").issuer_id);
    const agent = await createAgent(
      createDb(c.env.DB),
      mutationContext(c),
      id,
      c.req.valid("json"),
    );
    c.header("ETag", etagOf(agent));
    return c.json({ data: agentToWire(agent) }, 201);
  })
  .openapi(routes.list, async (c) => {
    const id = await callerIssuerId(c, c.req.valid("param").issuer_id);
    return c.json(await listAgents(createDb(c.env.DB), id, c.req.valid("query")), 200);
  })
  .openapi(routes.get, async (c) => {
    const { issuer_id, agent_id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const agent = await getAgent(db, await callerIssuerId(c, issuer_id), agent_id);
    const types = await verifierTypesOf(db, [agent.id]);
    c.header("ETag", etagOf(agent));
    return c.json({ data: agentToWire(agent, types.get(agent.id)) }, 200);
  })
  .openapi(routes.update, async (c) => {
    const { issuer_id, agent_id } = c.req.valid("param");
    const db = createDb(c.env.DB);
    const agent = await updateAgent(
      db,
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      agent_id,
      c.req.valid("json"),
      c.req.valid("header")["if-match"],
    );
    const types = await verifierTypesOf(db, [agent.id]);
    c.header("ETag", etagOf(agent));
    return c.json({ data: agentToWire(agent, types.get(agent.id)) }, 200);
  })
  .openapi(routes.delete, async (c) => {
    const { issuer_id, agent_id } = c.req.valid("param");
    await deleteAgent(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      agent_id,
      c.req.valid("header")["if-match"],
    );
    return c.body(null, 204);
  })
  .openapi(routes.listVerifiers, async (c) => {
    const { issuer_id, agent_id } = c.req.valid("param");
    const rows = await listVerifiers(
      createDb(c.env.DB),
      await callerIssuerId(c, issuer_id),
      agent_id,
    );
    return c.json({ data: rows.map(verifierToWire), has_more: false, next_cursor: null }, 200);
  })
  .openapi(routes.addVerifier, async (c) => {
    const { issuer_id, agent_id } = c.req.valid("param");
    const { verifier, secret } = await addVerifier(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      agent_id,
      c.req.valid("json"),
    );
    return c.json({ data: { ...verifierToWire(verifier), secret } }, 201);
  })
  .openapi(routes.removeVerifier, async (c) => {
    const { issuer_id, agent_id, verifier_id } = c.req.valid("param");
    await removeVerifier(
      createDb(c.env.DB),
      mutationContext(c),
      await callerIssuerId(c, issuer_id),
      agent_id,
      verifier_id,
    );
    return c.body(null, 204);
  });
