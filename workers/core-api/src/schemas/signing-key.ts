import { z } from "@hono/zod-openapi";

/** A signing key as the rotation answers it: its public identity, never key material. */
export const SigningKeySchema = z
  .object({
    kid: z.string(),
    alg: z.enum(["ES256", "EdDSA", "RS256"]),
    created_at: z.number().int(),
    activates_at: z.number().int(),
  })
  .openapi("SigningKey");

export const KeyRotationSchema = z
  .object({
    object: z.literal("key_rotation"),
    issuer_id: z.string(),
    rotated_at: z.number().int(),
    /** Milliseconds: the new keys are in the JWKS now and sign from then on. */
    activates_at: z.number().int(),
    keys: z.array(SigningKeySchema),
  })
  .openapi("KeyRotation");

/** The rotation takes no options: an empty object, or no body. */
export const RotateKeysBody = z.object({}).strict().openapi("RotateKeysBody");
