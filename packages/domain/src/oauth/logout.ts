import { type ClientLookup, findClient } from "../clients/find-client.ts";
import type { Db } from "../db/client.ts";
import { DomainError } from "../errors.ts";
import type { MutationContext } from "../events/event.ts";
import { recordEvents } from "../events/record-events.ts";
import { sessionEventRows } from "../sessions/session-events.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { authorizationResponseUrl } from "./authorize-request.ts";
import { frontChannelLogoutUris } from "./front-channel-logout.ts";
import { verifyIdTokenHint } from "./id-token-hint.ts";
import type { IssuerStoreRpc, SessionView } from "./issuer-store-contract.ts";
import { loggedOutParties } from "./logout-parties.ts";

export interface LogoutRequest {
  idTokenHint: string | null;
  postLogoutRedirectUri: string | null;
  state: string | null;
  clientId: string | null;
}

/**
 * RP-initiated logout (OIDC RP-Initiated Logout 1.0 §2–3): `id_token_hint` names the session
 * (an expired ID token still names it); the whole SSO session ends with every rp session of it
 * (docs/decisions/wire-contract.md §4), plus the one behind the browser's cookie. The redirect URI must be registered
 * for the token's client, exactly.
 */
export async function logout(
  deps: {
    db: Db;
    store: IssuerStoreRpc;
    ring: KeyRing;
    issuerId: string;
    issuerUrl: string;
    ctx: MutationContext;
    /** The worker's client lookup (it also knows URL client ids); else the stored clients. */
    clients?: ClientLookup;
  },
  request: LogoutRequest,
  cookieSession: SessionView | null,
): Promise<{
  redirectTo: string | null;
  browserSessionEnded: boolean;
  frontChannel: string[];
}> {
  if (!request.idTokenHint) throw new DomainError("INVALID_REQUEST", "id_token_hint is required");
  const claims = await verifyIdTokenHint(deps.ring, request.idTokenHint, {
    issuer: deps.issuerUrl,
    now: deps.ctx.now,
  });
  if (!claims) {
    throw new DomainError("INVALID_REQUEST", "id_token_hint is not an ID token of this issuer");
  }
  if (request.clientId && request.clientId !== claims.aud) {
    throw new DomainError("INVALID_REQUEST", "client_id does not match the id_token_hint");
  }
  let redirectTo: string | null = null;
  if (request.postLogoutRedirectUri) {
    const client = deps.clients
      ? await deps.clients(claims.aud)
      : await findClient(deps.db, deps.issuerId, claims.aud);
    if (!client?.settings.post_logout_redirect_uris.includes(request.postLogoutRedirectUri)) {
      throw new DomainError(
        "INVALID_REQUEST",
        "post_logout_redirect_uri is not registered for this client",
      );
    }
    redirectTo = authorizationResponseUrl(request.postLogoutRedirectUri, { state: request.state });
  }
  const ended: SessionView[] = [];
  if (claims.sid !== null) {
    ended.push(...(await deps.store.endSessionTree(claims.sid, "logout", deps.ctx.now)));
  }
  // RP-Initiated Logout 1.0 §2: the hint names the user; another user's browser session stays.
  const browserSessionEnded = cookieSession?.userId === claims.sub;
  if (cookieSession && browserSessionEnded)
    ended.push(...(await deps.store.endSession(cookieSession.id, "logout", deps.ctx.now)));
  await recordEvents(
    deps.db,
    sessionEventRows(deps.ctx, deps.issuerId, "session.terminated", ended, "logout"),
  );
  // Each relying party whose session ended is told in an iframe (Front-Channel Logout 1.0 §4);
  // the store's announcer queues their logout tokens (Back-Channel Logout 1.0 §2.5).
  const parties = await loggedOutParties(deps.db, deps.issuerId, ended);
  const frontChannel = frontChannelLogoutUris(deps.issuerUrl, parties);
  return { redirectTo, browserSessionEnded, frontChannel };
}
