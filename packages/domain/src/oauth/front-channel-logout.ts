import type { LoggedOutParty } from "./logout-parties.ts";

/**
 * The logout URI of one relying party (OIDC Front-Channel Logout 1.0 §2): its registered
 * `frontchannel_logout_uri`, with `iss` and `sid` added when the client asked for them
 * (`frontchannel_logout_session_required`, §2); the URI's own query is kept.
 */
export function frontChannelLogoutUrl(
  uri: string,
  session: { issuerUrl: string; sid: string; sessionRequired: boolean },
): string {
  if (!session.sessionRequired) return uri;
  const url = new URL(uri);
  url.searchParams.set("iss", session.issuerUrl);
  url.searchParams.set("sid", session.sid);
  return url.href;
}

/** At most this many iframes on one logout page (one browser session rarely holds more RPs). */
export const MAX_LOGOUT_FRAMES = 50;

/**
 * The front-channel logout URIs to render for the relying parties a logout ended sessions of
 * (§4: one iframe per RP session); clients without a `frontchannel_logout_uri` are left out,
 * the same URI is loaded once, and at most {@link MAX_LOGOUT_FRAMES} are returned.
 */
export function frontChannelLogoutUris(issuerUrl: string, parties: readonly LoggedOutParty[]) {
  const uris = parties.flatMap(({ session, settings }) => {
    const uri = settings.frontchannel_logout_uri;
    if (!uri) return [];
    const sessionRequired = settings.frontchannel_logout_session_required === true;
    return [frontChannelLogoutUrl(uri, { issuerUrl, sid: session.id, sessionRequired })];
  });
  return [...new Set(uris)].slice(0, MAX_LOGOUT_FRAMES);
}
