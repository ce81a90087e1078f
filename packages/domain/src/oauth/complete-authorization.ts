import { randomToken, sha256Base64Url } from "../crypto/hash.ts";
import type { Db } from "../db/client.ts";
import { organizationsClaim } from "../tokens/organizations-claim.ts";
import type { AuthorizeRequest } from "./authorize-request.ts";
import type { IssuerStoreRpc, SessionView } from "./issuer-store-contract.ts";
import { type AuthorizationAnswer, authorizationAnswer } from "./response-mode.ts";
import { codeKey, inShard, shardOf } from "./shard-routing.ts";

/** Authorization codes live 60 seconds (docs/decisions/wire-contract.md §4). */
export const CODE_TTL_MS = 60_000;

/** OIDC Session Management §3: a salted hash of client, origin and the browser's session. */
async function sessionState(clientId: string, redirectUri: string, sessionId: string) {
  const salt = randomToken(8);
  const origin = new URL(redirectUri).origin;
  return `${await sha256Base64Url(`${clientId} ${origin} ${sessionId} ${salt}`)}.${salt}`;
}

/**
 * Issues the code for a request the session satisfies and builds the success redirect with
 * `code`, `state`, `iss` (RFC 9207) and `session_state`. A selected organization (`org=`)
 * the user is not an active member of is `access_denied`.
 */
export async function completeAuthorization(
  deps: { db: Db; store: IssuerStoreRpc; issuerId: string; issuerUrl: string; now: number },
  request: AuthorizeRequest,
  signIn: { session: SessionView; amr: string[]; acr: string | null },
): Promise<AuthorizationAnswer> {
  const { session } = signIn;
  if (request.org !== null) {
    const orgs = await organizationsClaim(deps.db, deps.issuerId, session.userId, {
      orgId: request.org,
      policy: { mode: "all", allowlist: [] },
    });
    if (orgs.length === 0) {
      return authorizationError(
        request,
        deps.issuerUrl,
        "access_denied",
        "the user is not a member of the requested organization",
      );
    }
  }
  const { code } = await saveAuthorizationCode(deps, request, signIn);
  return authorizationAnswer(request, {
    code,
    state: request.state,
    iss: deps.issuerUrl,
    session_state: await sessionState(request.clientId, request.redirectUri, session.id),
  });
}

/**
 * Mints an authorization code for the request and the sign-in and stores its grant under the
 * code's key until `expiresAt` (60 seconds unless given); returns the code and its key.
 */
export async function saveAuthorizationCode(
  deps: { store: IssuerStoreRpc; now: number },
  request: AuthorizeRequest,
  signIn: { session: SessionView; amr: string[]; acr: string | null },
  expiresAt = deps.now + CODE_TTL_MS,
): Promise<{ code: string; key: string }> {
  const { session } = signIn;
  // The code names its session's shard, where it is redeemed (docs/decisions/sharding.md).
  const code = inShard(randomToken(32), "token", shardOf(session.id, "id"));
  const key = await codeKey(code);
  await deps.store.saveCode(
    key,
    {
      clientId: request.clientId,
      userId: session.userId,
      sessionId: session.id,
      redirectUri: request.redirectUri,
      scope: request.scope.join(" "),
      nonce: request.nonce,
      codeChallenge: request.codeChallenge,
      authTime: session.authTime,
      resource: request.resource,
      orgId: request.org,
      amr: signIn.amr,
      acr: signIn.acr,
      ...(request.dpopJkt ? { dpopJkt: request.dpopJkt } : {}),
    },
    expiresAt,
  );
  return { code, key };
}

/** An error answer (RFC 6749 §4.1.2.1) with `iss` (RFC 9207), in the request's response mode. */
export function authorizationError(
  request: Pick<AuthorizeRequest, "redirectUri" | "state" | "responseMode">,
  issuerUrl: string,
  error: string,
  description: string,
): AuthorizationAnswer {
  return authorizationAnswer(request, {
    error,
    error_description: description,
    state: request.state,
    iss: issuerUrl,
  });
}
