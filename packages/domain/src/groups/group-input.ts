import { z } from "zod";

const Scopes = z.array(z.string().min(1).max(200).regex(/^\S+$/, "no spaces")).max(200);

export const CreateGroupInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullish(),
  scopes: Scopes.default([]),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type CreateGroupInput = z.output<typeof CreateGroupInput>;

export const UpdateGroupInput = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5000).nullish(),
  scopes: Scopes.optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});
export type UpdateGroupInput = z.output<typeof UpdateGroupInput>;
