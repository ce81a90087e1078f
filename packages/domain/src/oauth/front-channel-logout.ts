import { and, eq } from "drizzle-orm";
import { inList } from "../db/bound-parameters.ts";
import type { Db } from "../db/client.ts";
import { clients } from "../db/schema.ts";
import type { SessionView } from "./issuer-store-contract.ts";

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
 * The front-channel logout URIs to render for the relying-party sessions a logout ended
 * (§4: one iframe per RP the user was signed in to), read in one D1 query; clients without a
 * `frontchannel_logout_uri` are left out, the same URI is loaded once, and at most
 * {@link MAX_LOGOUT_FRAMES} are returned. Order follows the sessions.
 */
export async function frontChannelLogoutUris(
  db: Db,
  issuerId: string,
  issuerUrl: string,
  ended: readonly SessionView[],
): Promise<string[]> {
  const rp = ended.filter((s) => s.type === "rp" && s.clientId !== null);
  const ids = [...new Set(rp.map((s) => s.clientId as string))];
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: clients.id, settings: clients.settings })
    .from(clients)
    .where(and(eq(clients.issuerId, issuerId), inList(clients.id, ids)));
  const byId = new Map(rows.map((row) => [row.id, row.settings]));
  const uris = rp.flatMap((s) => {
    const settings = byId.get(s.clientId as string);
    const uri = settings?.frontchannel_logout_uri;
    if (!uri) return [];
    const sessionRequired = settings.frontchannel_logout_session_required === true;
    return [frontChannelLogoutUrl(uri, { issuerUrl, sid: s.id, sessionRequired })];
  });
  return [...new Set(uris)].slice(0, MAX_LOGOUT_FRAMES);
}
