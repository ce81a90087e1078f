/** What the organization SSO tests share. */
export type Sso = {
  enabled: boolean;
  sso_only: boolean;
  protocol: string | null;
  oidc: {
    issuer: string | null;
    client_id: string | null;
    client_secret_set: boolean;
    mfa_amr_values?: string[];
    mfa_acr_values?: string[];
  };
  secret_rotated_at: number | null;
  domains: { domain: string; verified: boolean }[];
};
export type Org = { id: string; sso: Sso };

export const connection = {
  protocol: "oidc",
  oidc: {
    issuer: "https://login.acme.example",
    client_id: "authpi-edge",
    client_secret: "acme-idp-issued-secret-123456",
  },
};
