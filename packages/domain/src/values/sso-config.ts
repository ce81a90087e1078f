/** An organization's SSO connection as stored (the client secret is sealed in its own column). */
export interface SsoConfig {
  protocol?: "oidc" | null;
  oidc?: {
    issuer?: string | null;
    client_id?: string | null;
    scopes?: string[];
  };
  secret_rotated_at?: number | null;
}
