import { and, asc, eq } from "drizzle-orm";
import {
  APPLE_KEY_PURPOSE,
  appleKeySealed,
  CLIENT_SECRET_PURPOSE,
} from "../auth-methods/method-settings.ts";
import { open } from "../crypto/sealed-box.ts";
import type { Db } from "../db/client.ts";
import { authMethods } from "../db/schema.ts";
import { organizationConnectionSource } from "../organizations/sso/sso-connection.ts";
import type { AppleSigningKey } from "./apple-client-secret.ts";
import { isMultiTenant } from "./microsoft-tenants.ts";
import { presetFor } from "./presets.ts";
import type { UpstreamConnection, UpstreamTenancy } from "./upstream-contract.ts";

type AuthMethodRow = typeof authMethods.$inferSelect;

/** An `oauth2` auth method's settings as stored (auth-method-settings.ts checked them). */
interface OAuth2Settings {
  provider: string;
  display_name?: string | null;
  client_id: string;
  issuer?: string | null;
  tenant?: string | null;
  authorization_endpoint?: string | null;
  token_endpoint?: string | null;
  userinfo_endpoint?: string | null;
  scopes?: string[] | null;
  mfa_amr_values?: string[];
  mfa_acr_values?: string[];
  allowed_tenants?: string[] | null;
  apple_team_id?: string | null;
  apple_key_id?: string | null;
}

/** The Apple key a method mints client secrets with, unsealed; null without a seal key. */
async function appleKeyOf(
  row: AuthMethodRow,
  s: OAuth2Settings,
  sealKey: string | null,
): Promise<AppleSigningKey | null> {
  const sealed = appleKeySealed(row);
  if (!sealKey || !sealed || !s.apple_team_id || !s.apple_key_id) return null;
  const privateKey = await open(sealKey, APPLE_KEY_PURPOSE, sealed);
  return { teamId: s.apple_team_id, keyId: s.apple_key_id, privateKey };
}

/** Microsoft's `common`, `organizations`, `consumers` (absent = common): `iss` names each user's tenant. */
function tenancyOf(s: OAuth2Settings): UpstreamTenancy | null {
  if (s.provider !== "microsoft" || !isMultiTenant(s.tenant)) return null;
  return { tenant: s.tenant ?? "common", allowedTenants: s.allowed_tenants ?? [] };
}

/** An `oauth2` auth method as a connection: its preset, overridden by its own settings. */
export async function connectionFromAuthMethod(
  row: AuthMethodRow,
  sealKey: string | null,
): Promise<UpstreamConnection> {
  const s = row.settings as unknown as OAuth2Settings;
  const preset = presetFor(s.provider, s.tenant ?? null);
  const secret =
    sealKey && row.clientSecretSealed
      ? await open(sealKey, CLIENT_SECRET_PURPOSE, row.clientSecretSealed)
      : null;
  return {
    id: row.id,
    source: { kind: "auth_method", authMethodId: row.id },
    protocol: preset.protocol,
    provider: s.provider,
    displayName: s.display_name ?? preset.displayName,
    clientId: s.client_id,
    clientSecret: secret,
    issuer: s.issuer ?? preset.issuer,
    authorizationEndpoint: s.authorization_endpoint ?? preset.authorizationEndpoint,
    tokenEndpoint: s.token_endpoint ?? preset.tokenEndpoint,
    userinfoEndpoint: s.userinfo_endpoint ?? preset.userinfoEndpoint,
    scopes: s.scopes ?? preset.scopes,
    responseMode: preset.responseMode,
    mfa: { amrValues: s.mfa_amr_values ?? [], acrValues: s.mfa_acr_values ?? [] },
    appleKey: await appleKeyOf(row, s, sealKey),
    tenancy: tenancyOf(s),
  };
}

/**
 * Where connections come from. Each source owns an id prefix and loads its connection (with the
 * secret unsealed when `sealKey` is given); enterprise SSO adds the organization source here.
 */
export interface ConnectionSource {
  owns(connectionId: string): boolean;
  load(
    db: Db,
    issuerId: string,
    connectionId: string,
    sealKey: string | null,
  ): Promise<UpstreamConnection | null>;
}

const authMethodSource: ConnectionSource = {
  owns: (id) => id.startsWith("am_"),
  async load(db, issuerId, id, sealKey) {
    const row = await db.query.authMethods.findFirst({
      where: and(
        eq(authMethods.id, id),
        eq(authMethods.issuerId, issuerId),
        eq(authMethods.method, "oauth2"),
        eq(authMethods.enabled, true),
      ),
    });
    return row ? connectionFromAuthMethod(row, sealKey) : null;
  },
};

export const CONNECTION_SOURCES: ConnectionSource[] = [
  authMethodSource,
  organizationConnectionSource,
];

/** The enabled connection of this issuer with that id, or null (another issuer's is null too). */
export async function resolveConnection(
  db: Db,
  issuerId: string,
  connectionId: string,
  sealKey: string | null,
): Promise<UpstreamConnection | null> {
  const source = CONNECTION_SOURCES.find((s) => s.owns(connectionId));
  return source ? source.load(db, issuerId, connectionId, sealKey) : null;
}

/** The issuer's enabled `oauth2` upstreams, oldest first: the login page's buttons (no secrets). */
export async function listSignInConnections(
  db: Db,
  issuerId: string,
): Promise<UpstreamConnection[]> {
  const rows = await db
    .select()
    .from(authMethods)
    .where(
      and(
        eq(authMethods.issuerId, issuerId),
        eq(authMethods.method, "oauth2"),
        eq(authMethods.enabled, true),
      ),
    )
    .orderBy(asc(authMethods.id));
  return Promise.all(rows.map((row) => connectionFromAuthMethod(row, null)));
}
