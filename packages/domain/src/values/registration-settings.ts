import { z } from "zod";

/**
 * Who may register clients at `/{issuer_id}/register` (RFC 7591 §3,
 * docs/decisions/client-registration.md): nobody (`off`, the default), holders of an initial
 * access token, holders of a software statement signed by a trusted key, or anyone (`open`).
 */
export const REGISTRATION_MODES = [
  "off",
  "initial_access_token",
  "software_statement",
  "open",
] as const;
export type RegistrationMode = (typeof REGISTRATION_MODES)[number];
const Mode = z.enum(REGISTRATION_MODES);

const Member = z.string().min(1).max(2048);
/**
 * A public signing JWK (RFC 7517 §4, RFC 7518 §6): only public members are named, so a
 * private or symmetric one (`d`, `p`, `k`, ...) is refused as unknown.
 */
const PublicJwk = z.strictObject({
  kty: z.enum(["EC", "RSA", "OKP"]),
  use: z.literal("sig").optional(),
  key_ops: z.array(z.literal("verify")).max(1).optional(),
  alg: z.enum(["ES256", "EdDSA", "RS256", "PS256"]).optional(),
  kid: z.string().min(1).max(200).optional(),
  crv: z.enum(["P-256", "Ed25519"]).optional(),
  x: Member.optional(),
  y: Member.optional(),
  n: z.string().min(1).max(4096).optional(),
  e: z.string().min(1).max(16).optional(),
});

/** The keys that may sign software statements (RFC 7591 §2.3), inline and bounded. */
const TrustedJwks = z.strictObject({ keys: z.array(PublicJwk).min(1).max(10) });
const StatementIssuer = z.string().min(1).max(2000);

const statementFields = { iss: StatementIssuer, jwks: TrustedJwks };
const SoftwareStatementTrust = z.strictObject(statementFields);

/** `access.registration` as stored and read back (unknown keys dropped). */
export const RegistrationSettings = z.object({
  mode: Mode.default("off"),
  software_statement: z.object(statementFields).optional(),
});

/** `access.registration` as a caller sends it: `software_statement` mode needs its trust. */
export const RegistrationSettingsInput = z
  .strictObject({
    mode: Mode.default("off"),
    software_statement: SoftwareStatementTrust.optional(),
  })
  .refine((s) => s.mode !== "software_statement" || s.software_statement !== undefined, {
    message: "mode software_statement needs software_statement.iss and software_statement.jwks",
    path: ["software_statement"],
  });

/** `access.registration` in a PATCH (RFC 7396): `null` removes a key. */
export const RegistrationSettingsPatch = z.strictObject({
  mode: Mode.nullish(),
  software_statement: z
    .strictObject({ iss: StatementIssuer.nullish(), jwks: TrustedJwks.nullish() })
    .nullish(),
});

export type RegistrationSettings = z.output<typeof RegistrationSettings>;
