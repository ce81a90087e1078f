import { z } from "zod";
import { Metadata } from "../input/free-form.ts";

/** Up to 256 opaque, app-defined scopes: the ceiling for the agent's tokens (docs/decisions/wire-contract.md §3). */
const Scopes = z.array(z.string().min(1).max(200).regex(/^\S+$/, "no spaces")).max(256);
const Descriptive = z.string().trim().min(1).max(200);

export const CreateAgentInput = z.strictObject({
  name: Descriptive,
  description: z.string().max(5000).nullish(),
  model: Descriptive.nullish(),
  provider: Descriptive.nullish(),
  version: Descriptive.nullish(),
  scopes: Scopes.default([]),
  metadata: Metadata.nullish(),
});
export type CreateAgentInput = z.output<typeof CreateAgentInput>;

/** PATCH: `status` suspends (`suspended`), blocks (`blocked`) or restores (`active`). */
export const UpdateAgentInput = z.strictObject({
  name: Descriptive.optional(),
  description: z.string().max(5000).nullish(),
  model: Descriptive.nullish(),
  provider: Descriptive.nullish(),
  version: Descriptive.nullish(),
  scopes: Scopes.optional(),
  status: z.enum(["active", "suspended", "blocked"]).optional(),
  status_reason: z.string().max(1000).nullish(),
  metadata: Metadata.optional(),
});
export type UpdateAgentInput = z.output<typeof UpdateAgentInput>;

const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");

export const AgentFilters = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).max(200).optional(),
  status: z.enum(["active", "suspended", "blocked"]).optional(),
  model: z.string().max(200).optional(),
  provider: z.string().max(200).optional(),
  has_verifiers: boolParam.optional(),
});
export type AgentFilters = z.output<typeof AgentFilters>;

/** A CAIP-10 account id: `namespace:reference:address` (e.g. `eip155:8453:0xabc…`). */
const Caip10 = z
  .string()
  .regex(
    /^[-a-z0-9]{3,8}:[-_a-zA-Z0-9]{1,32}:[-.%a-zA-Z0-9]{1,128}$/,
    "must be a CAIP-10 account id",
  );

export const CreateVerifierInput = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("secret"),
    name: z.string().max(200).nullish(),
    description: z.string().max(2000).nullish(),
  }),
  z.strictObject({
    type: z.literal("wallet"),
    name: z.string().max(200).nullish(),
    description: z.string().max(2000).nullish(),
    address: Caip10,
  }),
]);
export type CreateVerifierInput = z.output<typeof CreateVerifierInput>;
