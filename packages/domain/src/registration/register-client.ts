import type { ClientType } from "../clients/client-settings.ts";
import type { ClientRow } from "../clients/client-wire.ts";
import { CreateClientInput, createClient } from "../clients/create-client.ts";
import type { Db } from "../db/client.ts";
import type { RateBucket, RateDecision } from "../email-tokens/email-token-store.ts";
import { DomainError, isDomainError } from "../errors.ts";
import type { MutationContext } from "../events/event.ts";
import { newId } from "../ids.ts";
import type { IssuerRow } from "../issuers/issuer-wire.ts";
import { isLoopbackUrl, redirectUriProblem } from "../oauth/redirect-uri.ts";
import { parseScope, STANDARD_SCOPES } from "../oauth/scopes.ts";
import { issuerSettings } from "../values/issuer-settings.ts";
import type { RegistrationSettings } from "../values/registration-settings.ts";
import { type ClientMetadata, parseClientMetadata } from "./client-metadata.ts";
import { newRegistrationAccess, saveRegistrationAccess } from "./registration-access.ts";
import { registrationBuckets } from "./registration-policy.ts";
import { findUsableRegistrationToken, takeRegistrationTokenUse } from "./registration-tokens.ts";
import { softwareStatementClaims } from "./software-statement.ts";

/** Read only once registration is known to be on, so an issuer that is off answers 404 to all. */
export interface RegistrationRequest {
  /** The JSON body (RFC 7591 §3.1). */
  body(): Promise<unknown>;
  /** The bearer token of the Authorization header, if any (RFC 6750 §2.1). */
  bearer(): string | null;
}

export interface RegisteredClient {
  client: ClientRow;
  secret: string | null;
  /** The registration access token (RFC 7592 §3), shown once. */
  accessToken: string;
}

export interface RegistrationDeps {
  db: Db;
  store: { takeRateLimit(buckets: RateBucket[], now: number): Promise<RateDecision> };
  issuer: IssuerRow;
  ip: string | null | undefined;
  /** Where from, for the `client.created` event; its actor becomes the new client. */
  context: MutationContext;
}

/** The issuer's registration settings; absent means off. */
export function registrationSettingsOf(issuer: IssuerRow): RegistrationSettings {
  return issuerSettings(issuer.settings).access.registration ?? { mode: "off" };
}

const isPrivateUseScheme = (uri: string) => /^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+:/.test(uri);

/**
 * Our client type for the metadata: a secret means `web`; a public client is `native` when it
 * says so or redirects to a loopback address or a private-use scheme (RFC 8252 §7), else `spa`.
 */
export function registeredClientType(metadata: ClientMetadata): ClientType {
  if (metadata.token_endpoint_auth_method !== "none") return "web";
  const nativeUri = metadata.redirect_uris.some((uri) => {
    const url = URL.parse(uri);
    return isPrivateUseScheme(uri) || (url !== null && isLoopbackUrl(url));
  });
  return metadata.application_type === "native" || nativeUri ? "native" : "spa";
}

const metadataError = (message: string) => new DomainError("INVALID_CLIENT_METADATA", message);

/** The metadata after its software statement, whose claims win over the body (RFC 7591 §2.3). */
async function effectiveMetadata(
  body: unknown,
  settings: RegistrationSettings,
  now: number,
): Promise<ClientMetadata> {
  const plain = parseClientMetadata(body);
  if (!plain.software_statement) {
    if (settings.mode === "software_statement") {
      throw new DomainError(
        "INVALID_SOFTWARE_STATEMENT",
        "this issuer registers only clients with a software statement",
      );
    }
    return plain;
  }
  const claims = await softwareStatementClaims(
    plain.software_statement,
    settings.software_statement,
    now,
  );
  const { software_statement: _statement, ...rest } = { ...(body as object), ...claims };
  return parseClientMetadata(rest);
}

function checkMetadata(
  metadata: ClientMetadata,
  type: ClientType,
  issuer: IssuerRow,
  open: boolean,
) {
  if (open && type === "web") {
    throw metadataError(
      "open registration issues public clients only: token_endpoint_auth_method none",
    );
  }
  for (const uri of metadata.redirect_uris) {
    const problem = redirectUriProblem(uri, type);
    if (problem) throw new DomainError("INVALID_REDIRECT_URI", `${uri} ${problem}`);
  }
  if (
    metadata.grant_types.includes("refresh_token") &&
    !metadata.grant_types.includes("authorization_code")
  ) {
    throw metadataError("grant_types: refresh_token needs authorization_code");
  }
  const offered = new Set([...STANDARD_SCOPES, ...issuer.availableScopes]);
  const unknown = parseScope(metadata.scope).filter((scope) => !offered.has(scope));
  if (unknown.length > 0)
    throw metadataError(`scope: not offered by this issuer: ${unknown.join(", ")}`);
}

/** The client row's part that says how it was registered, and what to echo (RFC 7591 §3.2.1). */
function registrationRecord(metadata: ClientMetadata, tokenId: string | null) {
  const {
    redirect_uris: _r,
    software_statement: _s,
    client_name: _n,
    logo_uri: _l,
    ...rest
  } = metadata;
  return { via: "dynamic_registration", ...rest, registration_token_id: tokenId };
}

/**
 * Registers a client (RFC 7591 §3) under the issuer's registration mode: rate limited per
 * source and per issuer, then the initial access token or software statement, then the
 * metadata. The client is third-party (consent asked), owned by the issuer's account, and
 * recorded as `client.created` with itself as the actor.
 */
export async function registerClient(
  deps: RegistrationDeps,
  request: RegistrationRequest,
): Promise<RegisteredClient> {
  const { db, issuer } = deps;
  const { now } = deps.context;
  const settings = registrationSettingsOf(issuer);
  if (settings.mode === "off") throw new DomainError("NOT_FOUND", "registration is not enabled");
  const limit = await deps.store.takeRateLimit(registrationBuckets(settings.mode, deps.ip), now);
  if (!limit.allowed) {
    throw new DomainError("RATE_LIMITED", "Too many registrations; try again later", {
      retryAfter: Math.ceil(limit.retryAfterMs / 1000),
    });
  }
  let tokenId: string | null = null;
  if (settings.mode === "initial_access_token") {
    const bearer = request.bearer();
    tokenId = bearer ? await findUsableRegistrationToken(db, issuer.id, bearer, now) : null;
    if (!tokenId) throw badToken();
  }
  const metadata = await effectiveMetadata(await request.body(), settings, now);
  const type = registeredClientType(metadata);
  checkMetadata(metadata, type, issuer, settings.mode === "open");
  if (tokenId && !(await takeRegistrationTokenUse(db, issuer.id, tokenId, now))) throw badToken();
  const id = newId("client", now);
  const ctx: MutationContext = {
    ...deps.context,
    accountId: issuer.accountId,
    actor: { type: "client", id },
  };
  const input = CreateClientInput.safeParse({
    name: metadata.client_name,
    type,
    logo_url: metadata.logo_uri ?? null,
    metadata: { registration: registrationRecord(metadata, tokenId) },
    settings: {
      redirect_uris: metadata.redirect_uris,
      post_logout_redirect_uris: metadata.post_logout_redirect_uris ?? [],
      grant_types: metadata.grant_types,
      scopes: parseScope(metadata.scope),
      first_party: false,
      ...pick(metadata, COPIED_SETTINGS),
    },
  });
  if (!input.success) throw metadataError(input.error.issues.map((i) => i.message).join("; "));
  const access = await newRegistrationAccess(id, issuer.id, now);
  try {
    const created = await createClient(db, ctx, issuer.id, input.data, {
      id,
      eventData: { registration: "dynamic", registration_token_id: tokenId },
      also: [saveRegistrationAccess(db, access.row)],
    });
    return { ...created, accessToken: access.plain };
  } catch (error) {
    if (isDomainError(error) && error.code === "VALIDATION_FAILED")
      throw metadataError(error.message);
    throw error;
  }
}

/** Registration names that are `ClientSettings` names too, copied as they are. */
const COPIED_SETTINGS = [
  "frontchannel_logout_uri",
  "frontchannel_logout_session_required",
  "backchannel_logout_uri",
  "backchannel_logout_session_required",
  "require_pushed_authorization_requests",
  "dpop_bound_access_tokens",
] as const;

function pick<T extends object, K extends keyof T>(
  value: T,
  keys: readonly K[],
): Partial<Pick<T, K>> {
  return Object.fromEntries(
    keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]),
  ) as Partial<Pick<T, K>>;
}

function badToken(): DomainError {
  return new DomainError(
    "INVALID_TOKEN",
    "the initial access token is missing, unknown, expired or used up",
  );
}
