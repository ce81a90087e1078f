import {
  AgentFilters,
  CreateAgentInput,
  CreateVerifierInput,
  UpdateAgentInput,
} from "@authpi/domain/agents";
import { z } from "@hono/zod-openapi";
import { IssuerParams, MetadataSchema } from "./common.ts";

export const AgentSchema = z
  .object({
    id: z.string().openapi({ example: "agt_4f8a2b9c0d1e4f5a8b7c6d5e4f3a2b1c" }),
    issuer_id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    model: z.string().nullable(),
    provider: z.string().nullable(),
    version: z.string().nullable(),
    status: z.string().openapi({ description: "`active`, `suspended` or `blocked`" }),
    status_at: z.number().int().nullable(),
    status_reason: z.string().nullable(),
    scopes: z.array(z.string()),
    verifiers: z.array(z.string()).openapi({ description: "The kinds of verifier it has" }),
    metadata: MetadataSchema,
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("Agent");

export const AgentVerifierSchema = z
  .object({
    id: z.string(),
    agent_id: z.string(),
    type: z.string().openapi({ description: "`secret` or `wallet`" }),
    status: z.string(),
    name: z.string().nullable(),
    description: z.string().nullable(),
    credential: z.record(z.string(), z.unknown()),
    usage_count: z.number().int(),
    last_used_at: z.number().int().nullable(),
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("AgentVerifier");

export const CreatedAgentVerifierSchema = AgentVerifierSchema.extend({
  secret: z.string().nullable().openapi({ description: "Shown once; null for wallets" }),
}).openapi("CreatedAgentVerifier");

export const CreateAgentBody = CreateAgentInput.openapi("CreateAgentInput");
export const UpdateAgentBody = UpdateAgentInput.openapi("UpdateAgentInput");
export const CreateVerifierBody = CreateVerifierInput.openapi("CreateAgentVerifierInput");
export const AgentListQuery = AgentFilters;
export const AgentParams = IssuerParams.extend({
  agent_id: z.string().openapi({ param: { name: "agent_id", in: "path" } }),
});
export const VerifierParams = AgentParams.extend({
  verifier_id: z.string().openapi({ param: { name: "verifier_id", in: "path" } }),
});
