import type { ClientRow } from "../clients/client-wire.ts";
import { PORTAL_CLIENT_ID } from "../consents/first-party.ts";
import { isRandomTokenShaped, sha256Hex } from "../crypto/hash.ts";
import { open } from "../crypto/sealed-box.ts";
import { issuerSettings } from "../issuers/issuer-settings.ts";
import { type AuthorizeCheck, checkAuthorizeRequest } from "./authorize-request.ts";
import { PUSHED_REQUEST_PURPOSE, REQUEST_URI_PREFIX } from "./pushed-authorization.ts";
import type { PushedRequestStore } from "./pushed-request-store.ts";
import { type ParameterEntries, readParameters } from "./request-parameters.ts";
import { DEFAULT_RESPONSE_MODE } from "./response-mode.ts";

export interface ResolveDeps {
  store: PushedRequestStore;
  /** The deployment secret pushed parameters were sealed with. */
  secret: string;
  issuer: { settings: unknown; availableScopes: readonly string[] };
  now: number;
}

const GONE = "request_uri is unknown, expired or already used";

/**
 * Whether this client must push its requests (RFC 9126 §5): its own setting, or the issuer's.
 * The issuer's own account portal is exempt: it starts at /authorize (docs/decisions/par.md §3).
 */
export function requiresPushedRequests(
  issuer: { settings: unknown },
  client: Pick<ClientRow, "id" | "settings">,
): boolean {
  if (client.settings.require_pushed_authorization_requests === true) return true;
  if (client.id === PORTAL_CLIENT_ID) return false;
  return issuerSettings(issuer.settings).access.require_pushed_authorization_requests === true;
}

/**
 * Checks an /authorize request, after taking the pushed request its `request_uri` names
 * (RFC 9126 §4): single use, for the client that pushed it; the pushed parameters are the whole
 * request, the others sent along are ignored. A client that must push and did not gets
 * `invalid_request`; a `request_uri` that is not ours is refused by {@link checkAuthorizeRequest}.
 */
export async function resolveAuthorizeRequest(
  deps: ResolveDeps,
  entries: ParameterEntries,
  client: ClientRow | undefined,
): Promise<AuthorizeCheck> {
  const scopes = deps.issuer.availableScopes;
  const { params, repeated } = readParameters(entries, ["client_id", "request_uri"]);
  const requestUri = params.get("request_uri");
  if (requestUri?.startsWith(REQUEST_URI_PREFIX)) {
    const page = (description: string): AuthorizeCheck => ({
      ok: false,
      redirect: false,
      error: "invalid_request",
      description,
    });
    if (!params.get("client_id")) return page("client_id is required");
    const twice = repeated.find((name) => name === "client_id" || name === "request_uri");
    if (twice) return page(`${twice} is repeated`);
    if (client?.status !== "active") return page("Unknown client");
    const random = requestUri.slice(REQUEST_URI_PREFIX.length);
    if (!isRandomTokenShaped(random)) return page(GONE);
    const taken = await deps.store.consumePushedRequest(
      await sha256Hex(random),
      client.id,
      deps.now,
    );
    if (taken.status !== "ok") return page(GONE);
    const pushed = JSON.parse(await open(deps.secret, PUSHED_REQUEST_PURPOSE, taken.payload));
    return checkAuthorizeRequest(pushed as [string, string][], client, scopes);
  }
  const check = checkAuthorizeRequest(entries, client, scopes);
  if ((!check.ok && !check.redirect) || !client || !requiresPushedRequests(deps.issuer, client)) {
    return check;
  }
  // RFC 9126 §5: only pushed parameters are accepted; the redirect URI is checked, so redirect.
  const to = check.ok ? check.request : check;
  return {
    ok: false,
    redirect: true,
    redirectUri: to.redirectUri,
    responseMode: to.responseMode ?? DEFAULT_RESPONSE_MODE,
    state: to.state,
    error: "invalid_request",
    description: "pushed authorization request required",
  };
}
