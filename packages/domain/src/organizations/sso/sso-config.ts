/** An organization's SSO connection as stored (the client secret is sealed in its own column). */
export interface SsoConfig {
  /** `oidc` now; SAML comes with the sign-in side. */
  protocol?: "oidc" | "saml" | null;
  oidc?: {
    issuer?: string | null;
    client_id?: string | null;
    scopes?: string[];
  };
  secret_rotated_at?: number | null;
}
