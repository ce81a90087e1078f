import {
  CompleteEnrollmentInput,
  CreateUserVerifierInput,
  UpdateUserVerifierInput,
  VerifyCodeInput,
} from "@authpi/domain/users";
import { z } from "@hono/zod-openapi";
import { UserParams } from "./user.ts";

export const UserVerifierSchema = z
  .object({
    id: z.string().openapi({ example: "vrf_01jq7c9m2x4k8r6t0v3w5y7z9a" }),
    user_id: z.string(),
    type: z.string().openapi({ description: "`password`, `totp_app` or `backup_codes`" }),
    status: z.string().openapi({ description: "`active`, `pending` (enrolling) or `disabled`" }),
    name: z.string().nullable(),
    credential: z.record(z.string(), z.unknown()),
    usage_count: z.number().int(),
    last_used_at: z.number().int().nullable(),
    created_at: z.number().int(),
    updated_at: z.number().int().nullable(),
  })
  .openapi("UserVerifier");

export const EnrollmentSchema = z
  .object({
    enrollment_id: z.string(),
    secret: z.string().openapi({ description: "Base32 TOTP secret, shown once" }),
    provisioning_uri: z.string().openapi({ description: "otpauth:// URI for a QR code" }),
    expires_at: z.number().int(),
  })
  .openapi("TotpEnrollment");

export const CreatedPasswordSchema = UserVerifierSchema.extend({
  enrollment_id: z
    .string()
    .openapi({ description: "The verifier id: a password is active at once" }),
  secret: z.literal("").openapi({ description: "Empty: a password is never echoed" }),
  provisioning_uri: z.literal(""),
  expires_at: z
    .number()
    .int()
    .openapi({ description: "`created_at`: the enrollment ended at once" }),
}).openapi("CreatedPasswordVerifier");

export const EnrollmentResultSchema = z
  .object({
    success: z.boolean(),
    verifier_id: z.string().optional(),
    backup_codes: z.array(z.string()).optional(),
    error: z.string().optional(),
  })
  .openapi("EnrollmentResult");

export const VerifyResultSchema = z
  .object({
    success: z.boolean(),
    remaining: z.number().int().optional(),
    error: z.string().optional(),
  })
  .openapi("VerifyCodeResult");

export const CreateUserVerifierBody = CreateUserVerifierInput.openapi("CreateUserVerifierInput");
export const CompleteEnrollmentBody = CompleteEnrollmentInput.openapi("CompleteEnrollmentInput");
export const UpdateUserVerifierBody = UpdateUserVerifierInput.openapi("UpdateUserVerifierInput");
export const VerifyCodeBody = VerifyCodeInput.openapi("VerifyCodeInput");
export const UserVerifierParams = UserParams.extend({
  verifier_id: z.string().openapi({ param: { name: "verifier_id", in: "path" } }),
});
