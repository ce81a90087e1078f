import type { SsoColumns } from "./sso-config.ts";

/** A domain an organization claims, verified when the account's domain of that host is. */
export interface SsoDomainView {
  orgId: string;
  host: string;
  createdAt: number;
  verifiedAt: number | null;
}

/** The organization's `sso` object: the connection without its secret, and its domains. */
export function ssoToWire(row: SsoColumns, domains: SsoDomainView[] = []) {
  return {
    enabled: row.ssoEnabled,
    sso_only: row.ssoOnly,
    protocol: row.sso.protocol ?? null,
    oidc: {
      issuer: row.sso.oidc?.issuer ?? null,
      client_id: row.sso.oidc?.client_id ?? null,
      scopes: row.sso.oidc?.scopes ?? ["openid", "email", "profile"],
      client_secret_set: row.ssoClientSecretSealed !== null,
      mfa_amr_values: row.sso.oidc?.mfa_amr_values ?? [],
      mfa_acr_values: row.sso.oidc?.mfa_acr_values ?? [],
    },
    secret_rotated_at: row.sso.secret_rotated_at ?? null,
    domains: domains.map((d) => ({
      domain: d.host,
      verified: d.verifiedAt !== null,
      verified_at: d.verifiedAt,
      created_at: d.createdAt,
    })),
  };
}
