import { secretMatches } from "../api-keys/api-key-secret.ts";
import { parseBasicAuth } from "../api-keys/authenticate-api-key.ts";
import { isConfidential } from "../clients/client-settings.ts";
import type { ClientRow } from "../clients/client-wire.ts";
import type { ClientLookup } from "../clients/find-client.ts";
import { DomainError } from "../errors.ts";

/** What a request to /token, /introspect or /revoke presented to identify its client. */
export interface ClientCredentials {
  authorization: string | null | undefined;
  clientId: string | null | undefined;
  clientSecret: string | null | undefined;
}

const FAILED = "Client authentication failed";

/** The client id and secret a request presented, by one method (`presentedCredentials`). */
export interface PresentedCredentials {
  clientId: string;
  secret: string | null;
}

/**
 * Authenticates the client (RFC 6749 §2.3): `client_secret_basic`, `client_secret_post`, or
 * `none` for public clients. One method per request; every failure is the same 401 so the
 * response does not say whether the client exists.
 */
export async function authenticateClient(
  lookup: ClientLookup,
  { clientId, secret }: PresentedCredentials,
  now: number,
): Promise<ClientRow> {
  let client = await lookup(clientId);
  if (client?.status !== "active") {
    if (secret) await secretMatches(secret, { hash: null }, now);
    throw new DomainError("INVALID_CLIENT", FAILED);
  }
  if (!isConfidential(client.type)) {
    if (secret) throw new DomainError("INVALID_CLIENT", "public clients do not use a secret");
    return client;
  }
  if (secret === null) throw new DomainError("INVALID_CLIENT", FAILED);
  if (await clientSecretMatches(client, secret, now)) return client;
  // The row may be a cached one from before a secret rotation: read it again once.
  client = await lookup(clientId, true);
  if (client?.status === "active" && (await clientSecretMatches(client, secret, now)))
    return client;
  throw new DomainError("INVALID_CLIENT", FAILED);
}

/**
 * The client id and secret a request presented, by exactly one method: HTTP Basic
 * (`client_secret_basic`), the body (`client_secret_post`), or a bare `client_id` (`none`).
 * Read once per request; a request that presents them wrongly gets the error instead.
 */
export function presentedCredentials(
  credentials: ClientCredentials,
): PresentedCredentials | DomainError {
  const basic = credentials.authorization ? parseBasicAuth(credentials.authorization) : null;
  if (credentials.authorization && !basic) return new DomainError("INVALID_CLIENT", FAILED);
  if (basic && credentials.clientSecret) {
    return new DomainError("INVALID_REQUEST", "use one client authentication method, not two");
  }
  const basicId = basic ? decodeFormComponent(basic.id) : null;
  const basicSecret = basic ? decodeFormComponent(basic.secret) : null;
  if (basicId === undefined || basicSecret === undefined) {
    return new DomainError("INVALID_CLIENT", FAILED);
  }
  if (basicId && credentials.clientId && credentials.clientId !== basicId) {
    return new DomainError("INVALID_REQUEST", "client_id does not match the Authorization header");
  }
  const clientId = basicId ?? credentials.clientId;
  if (!clientId) return new DomainError("INVALID_CLIENT", "client authentication is required");
  return { clientId, secret: basic ? basicSecret : (credentials.clientSecret ?? null) };
}

function clientSecretMatches(client: ClientRow, secret: string, now: number): Promise<boolean> {
  return secretMatches(
    secret,
    {
      hash: client.secretHash,
      previousHash: client.previousSecretHash,
      previousExpiresAt: client.previousSecretExpiresAt,
    },
    now,
  );
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64; undefined if malformed. */
function decodeFormComponent(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}
