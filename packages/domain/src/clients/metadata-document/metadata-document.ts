import { z } from "zod";

const Uri = z.string().min(1).max(2000);

/** Grant types a metadata-document client may list; the issuer grants no others to it. */
export const METADATA_GRANT_TYPES = ["authorization_code", "refresh_token"] as const;

/**
 * A client metadata document (draft-ietf-oauth-client-id-metadata-document §4): RFC 7591 §2
 * client metadata. Types are strict; names this issuer does not use are ignored. Secrets and
 * shared-secret authentication are refused (§4.1: there is no way to share a secret).
 */
export const ClientMetadataDocument = z
  .object({
    client_id: z.string(),
    client_name: z.string().min(1).max(200).optional(),
    client_uri: Uri.optional(),
    logo_uri: Uri.optional(),
    redirect_uris: z.array(Uri).min(1).max(20),
    post_logout_redirect_uris: z.array(Uri).max(20).optional(),
    grant_types: z.array(z.string().max(200)).min(1).max(10).optional(),
    response_types: z.array(z.string().max(200)).min(1).max(10).optional(),
    token_endpoint_auth_method: z.string().max(100).optional(),
    scope: z.string().max(2000).optional(),
    client_secret: z.unknown().optional(),
    client_secret_expires_at: z.unknown().optional(),
  })
  .superRefine((doc, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: "custom", path: [path], message });
    if (doc.client_secret !== undefined) issue("client_secret", "must not be present");
    if (doc.client_secret_expires_at !== undefined) {
      issue("client_secret_expires_at", "must not be present");
    }
    const method = doc.token_endpoint_auth_method ?? "none";
    if (method !== "none") issue("token_endpoint_auth_method", "only none is supported");
    for (const grant of doc.grant_types ?? []) {
      if (!(METADATA_GRANT_TYPES as readonly string[]).includes(grant)) {
        issue("grant_types", `${grant} is not available to a metadata-document client`);
      }
    }
    if (doc.grant_types && !doc.grant_types.includes("authorization_code")) {
      issue("grant_types", "must include authorization_code");
    }
    if (doc.response_types && !doc.response_types.includes("code")) {
      issue("response_types", "must include code");
    }
  });
export type ClientMetadataDocument = z.output<typeof ClientMetadataDocument>;

/** The first problem of a parse, as one line (`field: message`). */
export function documentProblem(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join(".") || "document"}: ${first.message}` : "invalid document";
}
