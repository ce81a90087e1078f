import type { ClientRow } from "../clients/client-wire.ts";
import { randomToken, sha256Hex } from "../crypto/hash.ts";
import { seal } from "../crypto/sealed-box.ts";
import { DomainError, type ErrorCode } from "../errors.ts";
import type { IssuerRow } from "../issuers/issuer-wire.ts";
import { AUTHORIZE_PARAMETERS, checkAuthorizeRequest } from "./authorize-request.ts";
import { acceptDpopProof, type DpopInput } from "./dpop/dpop-request.ts";
import type { PushedRequestStore } from "./pushed-request-store.ts";
import type { RequestParams } from "./request-parameters.ts";

/** RFC 9126 §2.2: the URN a `request_uri` of ours starts with. */
export const REQUEST_URI_PREFIX = "urn:ietf:params:oauth:request_uri:";
/** A pushed request lives one minute (docs/decisions/par.md §2). */
export const PUSHED_REQUEST_LIFETIME_S = 60;
/** The purpose label under which pushed parameters are sealed in the store. */
export const PUSHED_REQUEST_PURPOSE = "pushed-authorization-request";

/** The authorization error codes /par answers with (RFC 9126 §2.3: those of RFC 6749 §4.1.2.1). */
const ERROR_CODES: Record<string, ErrorCode> = {
  invalid_request: "INVALID_REQUEST",
  invalid_scope: "INVALID_SCOPE",
  invalid_target: "INVALID_TARGET",
  unauthorized_client: "UNAUTHORIZED_CLIENT",
  unsupported_response_type: "UNSUPPORTED_RESPONSE_TYPE",
};

export interface PushDeps {
  store: PushedRequestStore;
  /** The deployment secret the parameters are sealed with. */
  secret: string;
  issuerScopes: readonly string[];
  now: number;
  /** The request's DPoP header (RFC 9449 §10.1) and the issuer whose nonce rule applies. */
  dpop?: { input: DpopInput; issuer: IssuerRow };
}

/**
 * RFC 9449 §10.1: a DPoP proof sent to /par binds the code like `dpop_jkt`; both given must
 * name the same key. A PAR proof's `jti` is not recorded: a replay could only push another
 * request bound to the prover's own key.
 */
async function pushedDpopJkt(deps: PushDeps, params: RequestParams): Promise<string | null> {
  const asked = params.get("dpop_jkt");
  if (!deps.dpop) return asked;
  const proof = await acceptDpopProof(deps.dpop.input, deps.dpop.issuer, deps.now, "token");
  if (!proof) return asked;
  if (asked !== null && asked !== proof.jkt) {
    throw new DomainError("INVALID_DPOP_PROOF", "dpop_jkt does not match the DPoP proof's key");
  }
  return proof.jkt;
}

/**
 * The pushed authorization request endpoint (RFC 9126 §2): the authenticated client's
 * parameters, checked exactly as /authorize checks them, are kept sealed under the SHA-256 of
 * a random `request_uri` for one minute. Client authentication parameters are never kept.
 */
export async function pushAuthorizationRequest(
  deps: PushDeps,
  client: ClientRow,
  params: RequestParams,
): Promise<{ request_uri: string; expires_in: number }> {
  // RFC 9126 §2.1: "The request_uri authorization request parameter MUST NOT be provided".
  if (params.get("request_uri") !== null) {
    throw new DomainError("INVALID_REQUEST", "request_uri must not be sent to the PAR endpoint");
  }
  const dpopJkt = await pushedDpopJkt(deps, params);
  const entries = AUTHORIZE_PARAMETERS.flatMap((name): [string, string][] =>
    name === "client_id" || name === "dpop_jkt"
      ? []
      : params.getAll(name).map((value) => [name, value]),
  );
  if (dpopJkt !== null) entries.push(["dpop_jkt", dpopJkt]);
  // The client is the authenticated one (client_id in the body was matched to it already).
  entries.unshift(["client_id", client.id]);
  const check = checkAuthorizeRequest(entries, client, deps.issuerScopes);
  if (!check.ok) {
    throw new DomainError(ERROR_CODES[check.error] ?? "INVALID_REQUEST", check.description);
  }
  const random = randomToken(32);
  const payload = await seal(deps.secret, PUSHED_REQUEST_PURPOSE, JSON.stringify(entries));
  const expiresAt = deps.now + PUSHED_REQUEST_LIFETIME_S * 1000;
  await deps.store.savePushedRequest(await sha256Hex(random), client.id, payload, expiresAt);
  return { request_uri: `${REQUEST_URI_PREFIX}${random}`, expires_in: PUSHED_REQUEST_LIFETIME_S };
}
