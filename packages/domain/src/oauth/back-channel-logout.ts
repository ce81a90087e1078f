import type { JWTPayload } from "jose";
import { randomToken } from "../crypto/hash.ts";
import type { BackChannelLogoutMessageInput } from "../delivery-queue/delivery-message.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { signJwt } from "../tokens/jwt.ts";
import type { LoggedOutParty } from "./logout-parties.ts";

/** The event a logout token carries (OIDC Back-Channel Logout 1.0 §2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
/** The logout token's `typ` header (§2.4, RFC 8725 §3.11: explicit typing). */
export const LOGOUT_TOKEN_TYP = "logout+jwt";
/**
 * A logout token lives two hours: long enough for the delivery's retries (immediately, then
 * after about 5 s, 5 min and 30 min), short enough that a copy is soon useless.
 */
export const LOGOUT_TOKEN_TTL_S = 7200;

/**
 * The claims of a logout token (§2.4): `iss`, `aud`, `iat`, `exp`, `jti`, the `events` member,
 * `sub` and `sid` (we always know both), and never a `nonce` (§2.4: it is prohibited).
 */
export function logoutTokenClaims(p: {
  issuerUrl: string;
  clientId: string;
  userId: string;
  sid: string;
  now: number;
}): JWTPayload {
  const iat = Math.floor(p.now / 1000);
  return {
    iss: p.issuerUrl,
    aud: p.clientId,
    iat,
    exp: iat + LOGOUT_TOKEN_TTL_S,
    jti: randomToken(16),
    sub: p.userId,
    sid: p.sid,
    events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
  };
}

/**
 * One signed logout token per relying-party session whose client registered a
 * `backchannel_logout_uri`, as messages for the deliveries Queue: the dispatcher POSTs them with
 * retries, so a slow or down RP never holds the user's logout (§2.7). Signed with the client's
 * ID token algorithm (what its library already verifies).
 */
export async function backChannelLogoutMessages(
  deps: { ring: KeyRing; issuerId: string; issuerUrl: string; now: number },
  parties: readonly LoggedOutParty[],
): Promise<BackChannelLogoutMessageInput[]> {
  const wanted = parties.filter((p) => p.settings.backchannel_logout_uri);
  return Promise.all(
    wanted.map(async ({ session, clientId, settings }) => ({
      logout: "backchannel" as const,
      uri: settings.backchannel_logout_uri as string,
      client_id: clientId,
      issuer_id: deps.issuerId,
      logout_token: await signJwt(
        deps.ring,
        settings.response_signature_alg,
        logoutTokenClaims({
          issuerUrl: deps.issuerUrl,
          clientId,
          userId: session.userId,
          sid: session.id,
          now: deps.now,
        }),
        LOGOUT_TOKEN_TYP,
      ),
    })),
  );
}
