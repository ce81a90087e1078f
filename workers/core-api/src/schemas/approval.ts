import { DecideApprovalInput } from "@authpi/domain/approvals";
import { z } from "@hono/zod-openapi";
import { UserParams, UserSchema } from "./user.ts";

export const ApprovalUserSchema = UserSchema.extend({
  approval: z.object({
    status: z.enum(["pending", "approved", "rejected"]),
    requested_at: z.number().int().nullable(),
    decided_at: z.number().int().optional(),
    decided_by: z.string().nullable().optional(),
    reason: z.string().nullable().optional(),
  }),
}).openapi("ApprovalUser");

export const DecideApprovalBody = DecideApprovalInput.openapi("UpdateApprovalInput");
export const ApprovalParams = UserParams;
