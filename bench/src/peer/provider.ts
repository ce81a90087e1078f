import { exportJWK, generateKeyPair } from "jose";
import Provider, {
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
} from "oidc-provider";
import { MapAdapter } from "./map-adapter.ts";
import { PEER_RESOURCE, PEER_USERINFO_CLIENT, type PeerConfig } from "./peer-config.ts";

const SCOPE = "openid profile email offline_access";

/** First-party clients: grant what they ask for, as ours does, so no consent page interrupts. */
async function loadExistingGrant(ctx: KoaContextWithOIDC) {
  const { client, session, result } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  const existing = grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined;
  if (existing) return existing;
  const grant = new ctx.oidc.provider.Grant({
    clientId: client.clientId,
    accountId: session.accountId,
  });
  grant.addOIDCScope(SCOPE);
  grant.addResourceScope(PEER_RESOURCE, "api:read");
  await grant.save();
  return grant;
}

/**
 * oidc-provider configured as ours behaves: ES256 everywhere, PKCE S256 required, JWT access
 * tokens (resource indicators with a default resource), client_credentials, introspection,
 * refresh tokens on every code exchange and rotated on every use, a password login interaction.
 */
export async function createProvider(config: PeerConfig): Promise<Provider> {
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: "peer-es256", alg: "ES256", use: "sig" };
  const web: Omit<ClientMetadata, "client_id"> = {
    client_secret: config.webSecret,
    redirect_uris: [config.redirectUri],
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
    id_token_signed_response_alg: "ES256",
  };
  const configuration: Configuration = {
    clients: [
      { client_id: "web", ...web },
      { client_id: PEER_USERINFO_CLIENT, ...web },
      {
        client_id: "m2m",
        client_secret: config.m2mSecret,
        grant_types: ["client_credentials"],
        response_types: [],
        redirect_uris: [],
        token_endpoint_auth_method: "client_secret_basic",
        id_token_signed_response_alg: "ES256",
      },
    ],
    adapter: MapAdapter,
    jwks: { keys: [jwk as never] },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({
        sub,
        email: config.user.username,
        email_verified: true,
        name: "Bench User",
        given_name: "Bench",
        family_name: "User",
      }),
    }),
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name"],
    },
    scopes: ["openid", "offline_access", "profile", "email"],
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [config.webSecret] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx) =>
          ctx.oidc.client?.clientId === PEER_USERINFO_CLIENT ? undefined : PEER_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: "api:read",
          audience: PEER_RESOURCE,
          accessTokenTTL: 1800,
          accessTokenFormat: "jwt",
          jwt: { sign: { alg: "ES256" } },
        }),
      },
    },
    pkce: { required: () => true },
    loadExistingGrant,
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed("refresh_token"),
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: 1800,
      AuthorizationCode: 60,
      ClientCredentials: 1800,
      IdToken: 1800,
      RefreshToken: 7 * 86_400,
      Grant: 7 * 86_400,
      Session: 7 * 86_400,
      Interaction: 3600,
    },
  };
  return new Provider(`http://127.0.0.1:${config.port}`, configuration);
}
