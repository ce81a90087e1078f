import type { ClientRow } from "../clients/client-wire.ts";

/**
 * The client information response (RFC 7591 §3.2.1): the id, the secret for a confidential
 * client (never expiring: `client_secret_expires_at` 0), and the registered metadata. A read
 * (RFC 7592 §2.1) answers the same without the secret or the access token, which are kept hashed.
 */
export function registrationResponse(
  client: ClientRow,
  secret: string | null,
  /** RFC 7592 §3: where the client manages its registration, and the token, once. */
  management: { uri: string; accessToken?: string },
) {
  const recorded = (client.metadata.registration ?? {}) as Record<string, unknown>;
  const { via: _via, registration_token_id: _token, ...echoed } = recorded;
  const settings = client.settings;
  return {
    client_id: client.id,
    ...(secret ? { client_secret: secret, client_secret_expires_at: 0 } : {}),
    client_id_issued_at: Math.floor(client.createdAt / 1000),
    ...(management.accessToken ? { registration_access_token: management.accessToken } : {}),
    registration_client_uri: management.uri,
    client_name: client.name,
    ...(client.logoUrl ? { logo_uri: client.logoUrl } : {}),
    redirect_uris: settings.redirect_uris,
    ...(settings.post_logout_redirect_uris.length > 0
      ? { post_logout_redirect_uris: settings.post_logout_redirect_uris }
      : {}),
    ...echoed,
  };
}
