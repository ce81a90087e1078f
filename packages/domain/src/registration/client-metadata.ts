import { z } from "zod";
import { DomainError } from "../errors.ts";

const Uri = z.string().max(2000);
/** A page about the client (logo, home, terms, policy): https only, shown on the consent page. */
const HttpsUrl = Uri.refine(
  (value) => URL.parse(value)?.protocol === "https:",
  "must be an https URL",
);

/** The grants a registered client may ask for: it acts for users (docs/decisions/client-registration.md). */
export const REGISTRATION_GRANT_TYPES = ["authorization_code", "refresh_token"] as const;
export const REGISTRATION_AUTH_METHODS = [
  "none",
  "client_secret_basic",
  "client_secret_post",
] as const;

/**
 * Client metadata of a registration request: the names of RFC 7591 §2, OIDC Registration
 * 1.0 §2 `application_type`, and the logout, PAR and DPoP names `ClientSettings` knows. Any other
 * name is refused, named (docs/decisions/client-registration.md).
 */
export const ClientMetadata = z.strictObject({
  redirect_uris: z.array(Uri).min(1).max(20),
  // RFC 7591 §2: absent means client_secret_basic.
  token_endpoint_auth_method: z.enum(REGISTRATION_AUTH_METHODS).default("client_secret_basic"),
  // RFC 7591 §2: absent means authorization_code, and response_types then code.
  grant_types: z
    .array(z.enum(REGISTRATION_GRANT_TYPES))
    .min(1)
    .max(2)
    .default(["authorization_code"]),
  response_types: z.array(z.literal("code")).min(1).max(1).default(["code"]),
  client_name: z.string().trim().min(1).max(200).optional(),
  client_uri: HttpsUrl.optional(),
  logo_uri: HttpsUrl.optional(),
  tos_uri: HttpsUrl.optional(),
  policy_uri: HttpsUrl.optional(),
  scope: z.string().max(2000).optional(),
  contacts: z.array(z.string().min(1).max(320)).max(10).optional(),
  // RFC 7591 §2 names for private_key_jwt, which this server does not offer.
  jwks_uri: z.never({ error: "is not supported (no private_key_jwt)" }).optional(),
  jwks: z.never({ error: "is not supported (no private_key_jwt)" }).optional(),
  software_id: z.string().min(1).max(200).optional(),
  software_version: z.string().min(1).max(100).optional(),
  software_statement: z.string().min(1).max(16_000).optional(),
  application_type: z.enum(["web", "native"]).optional(),
  post_logout_redirect_uris: z.array(Uri).max(20).optional(),
  frontchannel_logout_uri: Uri.optional(),
  frontchannel_logout_session_required: z.boolean().optional(),
  backchannel_logout_uri: Uri.optional(),
  backchannel_logout_session_required: z.boolean().optional(),
  require_pushed_authorization_requests: z.boolean().optional(),
  // RFC 9449 §5.2: the client always sends DPoP proofs; its tokens are always bound.
  dpop_bound_access_tokens: z.boolean().optional(),
});
export type ClientMetadata = z.output<typeof ClientMetadata>;

function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys")
    return `unknown client metadata: ${issue.keys.join(", ")}`;
  const path = issue.path.join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** The metadata, or `invalid_client_metadata` (RFC 7591 §3.2.2) naming each problem. */
export function parseClientMetadata(input: unknown): ClientMetadata {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new DomainError("INVALID_CLIENT_METADATA", "the body must be a JSON object");
  }
  const parsed = ClientMetadata.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new DomainError("INVALID_CLIENT_METADATA", parsed.error.issues.map(issueText).join("; "));
}
