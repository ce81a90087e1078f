import type { ClientRow } from "../clients/client-wire.ts";
import type { ClientLookup } from "../clients/find-client.ts";
import { unstoredClient } from "../clients/unstored-client.ts";
import { PORTAL_CLIENT_ID } from "../consents/first-party.ts";
import { ClientSettings } from "../values/client-settings.ts";

/**
 * The reserved id of the issuer's own account portal (first-party: no consent page). Stored
 * client ids carry the `c_` prefix, so this one can never collide with a registered client.
 */
export const ACCOUNT_CLIENT_ID = PORTAL_CLIENT_ID;

/** Where the portal receives its authorization code. */
export function accountCallbackUrl(issuerUrl: string): string {
  return `${issuerUrl}/account/callback`;
}

/**
 * The portal as a first-party client of its issuer, built in code and never stored: a `web`
 * client with no secret, so the token endpoint refuses it (the portal redeems its codes inside
 * the IdP worker) and only its own callback is a valid redirect URI.
 */
export function accountClient(
  issuer: { id: string; accountId: string; name: string | null },
  issuerUrl: string,
): ClientRow {
  return unstoredClient({
    id: ACCOUNT_CLIENT_ID,
    accountId: issuer.accountId,
    issuerId: issuer.id,
    type: "web",
    name: issuer.name ?? "Account",
    logoUrl: null,
    settings: ClientSettings.parse({
      redirect_uris: [accountCallbackUrl(issuerUrl)],
      grant_types: ["authorization_code"],
      scopes: ["openid"],
      first_party: true,
    }),
  });
}

/**
 * A client lookup that also knows the reserved portal client of this issuer, built only when
 * it is asked for (its settings' validation was 7% of a token request's isolate time).
 */
export function withAccountClient(lookup: ClientLookup, account: () => ClientRow): ClientLookup {
  return (clientId, fresh) =>
    clientId === ACCOUNT_CLIENT_ID ? Promise.resolve(account()) : lookup(clientId, fresh);
}
