import { decodeJwt } from "jose";
import type * as oauth from "oauth4webapi";
import { mintAppleClientSecret } from "./apple-client-secret.ts";
import { expectedTenantIssuer } from "./microsoft-tenants.ts";
import type { UpstreamConnection } from "./upstream-contract.ts";

/**
 * A multi-tenant upstream's metadata with `issuer` set to what this token response's ID token
 * must carry (its own `tid` in the `{tenantid}` template); oauth4webapi then checks `iss` as for
 * any issuer. The peek reads a copy of the response: nothing in it is trusted until then.
 */
export async function issuerOfTenant(
  connection: UpstreamConnection,
  as: oauth.AuthorizationServer,
  response: Response,
): Promise<oauth.AuthorizationServer> {
  if (!connection.tenancy || !response.ok) return as;
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as { id_token?: unknown };
  if (typeof body.id_token !== "string") return as;
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(body.id_token);
  } catch {
    return as;
  }
  const issuer = expectedTenantIssuer(as.issuer, claims, connection.tenancy.allowedTenants);
  return { ...as, issuer };
}

/** The secret of one token request: Apple's minted per request from its key, else the stored one. */
export function clientSecretOf(
  connection: UpstreamConnection,
  now: number,
): Promise<string | null> {
  return connection.appleKey
    ? mintAppleClientSecret(connection.appleKey, connection.clientId, now)
    : Promise.resolve(connection.clientSecret);
}
