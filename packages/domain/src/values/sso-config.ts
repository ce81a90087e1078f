/** An organization's SSO connection as stored (the client secret is sealed in its own column). */
export interface SsoConfig {
  protocol?: "oidc" | null;
  oidc?: {
    issuer?: string | null;
    client_id?: string | null;
    scopes?: string[];
    /** The IdP's `amr` values (RFC 8176) that mean it did multi-factor sign-in. */
    mfa_amr_values?: string[];
    /** The IdP's `acr` values (OIDC Core §2) that mean multi-factor sign-in. */
    mfa_acr_values?: string[];
  };
  secret_rotated_at?: number | null;
}
