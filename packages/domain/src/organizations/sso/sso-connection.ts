import { and, eq } from "drizzle-orm";
import { open } from "../../crypto/sealed-box.ts";
import type { Db } from "../../db/client.ts";
import { organizations } from "../../db/schema.ts";
import type { UpstreamConnection } from "../../upstream/upstream-contract.ts";
import type { OrganizationRow } from "../organization-wire.ts";
import { SSO_SECRET_PURPOSE } from "./sso-config.ts";

const DEFAULT_SCOPES = ["openid", "email", "profile"];

/**
 * An organization's enterprise SSO connection as an upstream connection (source kind
 * "organization", id = the organization id), or null while SSO is off or incomplete. The
 * client secret is unsealed only when `sealKey` is given (the token request needs it).
 */
export async function connectionFromOrganization(
  org: OrganizationRow,
  sealKey: string | null,
): Promise<UpstreamConnection | null> {
  const oidc = org.sso.oidc;
  if (!org.ssoEnabled || org.status !== "active" || !oidc?.issuer || !oidc.client_id) return null;
  const secret =
    sealKey && org.ssoClientSecretSealed
      ? await open(sealKey, SSO_SECRET_PURPOSE, org.ssoClientSecretSealed)
      : null;
  return {
    id: org.id,
    source: { kind: "organization", organizationId: org.id },
    protocol: "oidc",
    provider: "sso",
    displayName: org.name ?? "single sign-on",
    clientId: oidc.client_id,
    clientSecret: secret,
    issuer: oidc.issuer,
    authorizationEndpoint: null,
    tokenEndpoint: null,
    userinfoEndpoint: null,
    scopes: oidc.scopes?.length ? oidc.scopes : DEFAULT_SCOPES,
    responseMode: "query",
    // Unmapped (the default), the issuer's own second factor still runs after the IdP
    // (issue 17 §3); mapped, the IdP's multi-factor answer counts as ours.
    mfa: { amrValues: oidc.mfa_amr_values ?? [], acrValues: oidc.mfa_acr_values ?? [] },
  };
}

/** The organization source of upstream connections: ids with the `org_` prefix. */
export const organizationConnectionSource = {
  owns: (connectionId: string) => connectionId.startsWith("org_"),
  async load(
    db: Db,
    issuerId: string,
    connectionId: string,
    sealKey: string | null,
  ): Promise<UpstreamConnection | null> {
    const org = await db.query.organizations.findFirst({
      where: and(eq(organizations.id, connectionId), eq(organizations.issuerId, issuerId)),
    });
    return org ? connectionFromOrganization(org, sealKey) : null;
  },
};
