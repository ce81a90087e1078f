import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";

const B64u = z
  .string()
  .regex(/^[A-Za-z0-9_-]*$/, "must be base64url")
  .max(16_384);

// Browsers add fields here over time (publicKey, authenticatorData, ...): extra ones are ignored,
// the ones verification reads are checked.
export const RegistrationResponse = z.object({
  id: B64u.min(1),
  rawId: B64u.min(1),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: B64u,
    attestationObject: B64u,
    transports: z.array(z.string().max(32)).max(10).optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

export const AuthenticationResponse = z.object({
  id: B64u.min(1),
  rawId: B64u.min(1),
  type: z.literal("public-key"),
  response: z.object({
    clientDataJSON: B64u,
    authenticatorData: B64u,
    signature: B64u,
    userHandle: B64u.optional(),
  }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).optional(),
});

export function asRegistrationJSON(
  value: z.output<typeof RegistrationResponse>,
): RegistrationResponseJSON {
  return value as RegistrationResponseJSON;
}

export function asAuthenticationJSON(
  value: z.output<typeof AuthenticationResponse>,
): AuthenticationResponseJSON {
  return value as AuthenticationResponseJSON;
}
