import { createRemoteJWKSet, jwtVerify } from "jose";
import * as oauth from "oauth4webapi";
import { acceptDiscoveredIssuer } from "./microsoft-tenants.ts";
import { clientSecretOf, issuerOfTenant } from "./token-request.ts";
import {
  type UpstreamAdapter,
  type UpstreamAttempt,
  type UpstreamConnection,
  UpstreamError,
  type UpstreamProfile,
} from "./upstream-contract.ts";
import { checkCallback, clientAuth, failureOf, httpOptions } from "./upstream-http.ts";

const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();

/**
 * The upstream's metadata (OIDC Discovery §4), cached per issuer for the isolate's life. Its
 * `issuer` must be the configured one (§4.3), or for a multi-tenant directory that one's
 * `{tenantid}` template.
 */
function discover(issuer: string, tenant: string | null): Promise<oauth.AuthorizationServer> {
  const cacheKey = `${tenant ?? ""} ${issuer}`;
  let found = discovered.get(cacheKey);
  if (!found) {
    const url = new URL(issuer);
    found = oauth
      .discoveryRequest(url, { algorithm: "oidc", ...httpOptions(issuer) })
      .then(async (response) => {
        if (tenant === null) return oauth.processDiscoveryResponse(url, response);
        const advertised = ((await response.clone().json()) as { issuer?: unknown }).issuer;
        const template = acceptDiscoveredIssuer(issuer, String(advertised), tenant);
        return oauth.processDiscoveryResponse(new URL(template), response);
      });
    found.catch(() => discovered.delete(cacheKey));
    discovered.set(cacheKey, found);
  }
  return found;
}

/** Explicit endpoints win over discovery (a connection may pin them). */
async function serverOf(connection: UpstreamConnection): Promise<oauth.AuthorizationServer> {
  if (!connection.issuer)
    throw new UpstreamError("upstream_error", "an OIDC upstream needs an issuer");
  const as = await discover(connection.issuer, connection.tenancy?.tenant ?? null).catch(
    (error) => {
      throw new UpstreamError("upstream_error", `discovery failed: ${(error as Error).message}`);
    },
  );
  return {
    ...as,
    authorization_endpoint: connection.authorizationEndpoint ?? as.authorization_endpoint,
    token_endpoint: connection.tokenEndpoint ?? as.token_endpoint,
    userinfo_endpoint: connection.userinfoEndpoint ?? as.userinfo_endpoint,
  };
}

const jwks = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** Verifies the ID token's signature against the upstream's JWKS (OIDC Core §3.1.3.7 step 6). */
async function verifySignature(as: oauth.AuthorizationServer, idToken: string): Promise<void> {
  if (!as.jwks_uri)
    throw new UpstreamError("invalid_id_token", "the upstream publishes no jwks_uri");
  let keys = jwks.get(as.jwks_uri);
  if (!keys) {
    keys = createRemoteJWKSet(new URL(as.jwks_uri));
    jwks.set(as.jwks_uri, keys);
  }
  await jwtVerify(idToken, keys).catch((error) => {
    throw new UpstreamError("invalid_id_token", `ID token signature: ${(error as Error).message}`);
  });
}

function stringOr(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/** The profile an ID token vouches for; `email_verified` counts only when exactly true. */
export function profileOf(claims: oauth.IDToken): UpstreamProfile {
  const amr = Array.isArray(claims.amr) ? claims.amr.filter((v) => typeof v === "string") : [];
  return {
    subject: claims.sub,
    issuer: claims.iss,
    email: stringOr(claims.email)?.toLowerCase() ?? null,
    emailVerified: claims.email_verified === true,
    name: stringOr(claims.name),
    givenName: stringOr(claims.given_name),
    familyName: stringOr(claims.family_name),
    picture: stringOr(claims.picture),
    amr,
    acr: stringOr(claims.acr),
  };
}

/**
 * OpenID Connect upstreams (OIDC Core §3.1, code flow): PKCE S256 (RFC 7636), `state`, `nonce`;
 * the ID token's `iss`, `aud`, `exp` and `nonce` are checked by oauth4webapi and its signature
 * with jose against the upstream's JWKS.
 */
export const oidcAdapter: UpstreamAdapter = {
  async authorizationUrl(connection: UpstreamConnection, attempt: UpstreamAttempt) {
    const as = await serverOf(connection);
    if (!as.authorization_endpoint) {
      throw new UpstreamError("upstream_error", "the upstream has no authorization endpoint");
    }
    httpOptions(as.authorization_endpoint);
    const url = new URL(as.authorization_endpoint);
    const challenge = await oauth.calculatePKCECodeChallenge(attempt.codeVerifier);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: connection.clientId,
      redirect_uri: attempt.redirectUri,
      scope: connection.scopes.join(" "),
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: challenge,
      code_challenge_method: "S256",
      ...(connection.responseMode === "form_post" ? { response_mode: "form_post" } : {}),
    }).toString();
    return url;
  },

  async finish(connection, attempt, callbackUrl, now) {
    const as = await serverOf(connection);
    const client: oauth.Client = { client_id: connection.clientId };
    const params = checkCallback(as, client, callbackUrl, attempt.state);
    try {
      const response = await oauth.authorizationCodeGrantRequest(
        as,
        client,
        clientAuth(await clientSecretOf(connection, now)),
        params,
        attempt.redirectUri,
        attempt.codeVerifier,
        httpOptions(as.token_endpoint ?? ""),
      );
      const checked = await issuerOfTenant(connection, as, response);
      const tokens = await oauth.processAuthorizationCodeResponse(checked, client, response, {
        expectedNonce: attempt.nonce,
        requireIdToken: true,
      });
      const claims = oauth.getValidatedIdTokenClaims(tokens);
      if (!claims || !tokens.id_token) throw new UpstreamError("invalid_id_token", "no ID token");
      await verifySignature(checked, tokens.id_token);
      return profileOf(claims);
    } catch (error) {
      throw failureOf(error);
    }
  },
};
