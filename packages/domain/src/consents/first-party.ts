/** The issuer's own account portal: always first-party, never behind a consent page. */
export const PORTAL_CLIENT_ID = "authpi-account";

/** The client fields that decide first-party status. */
export interface ConsentClient {
  id: string;
  settings: { first_party?: boolean | undefined };
}

/**
 * First-party clients (the default, and rows stored before the setting existed) skip the
 * consent page; only `settings.first_party: false` asks (docs/decisions/consent.md).
 */
export function isFirstParty(client: ConsentClient): boolean {
  return client.id === PORTAL_CLIENT_ID || client.settings.first_party !== false;
}
