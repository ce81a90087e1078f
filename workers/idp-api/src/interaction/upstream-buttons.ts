import { createDb } from "@authpi/domain/db";
import { issuerSettings } from "@authpi/domain/issuers";
import { listSignInConnections } from "@authpi/domain/upstream";
import type { Context } from "hono";
import type { PageEnv } from "./contract.ts";
import type { UpstreamButtons } from "./pages/login-page.ts";

/**
 * The login page's "Continue with <provider>" buttons, and the origins its form may be sent on
 * to: the POST answers with a 303 upstream, which Chromium checks against `form-action`.
 */
export async function upstreamButtons(
  c: Context<PageEnv>,
): Promise<{ buttons: UpstreamButtons | null; origins: string[] }> {
  const connections = await listSignInConnections(createDb(c.env.DB), c.get("issuer").id);
  if (connections.length === 0) return { buttons: null, origins: [] };
  const featured = issuerSettings(c.get("issuer").settings).authentication.methods_featured;
  const at = (kind: string) => {
    const i = featured.indexOf(kind as never);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  const origins = connections.flatMap((connection) => {
    const url = URL.parse(connection.authorizationEndpoint ?? connection.issuer ?? "");
    return url ? [url.origin] : [];
  });
  return {
    buttons: {
      action: `/${c.get("issuer").id}/login/upstream`,
      connections: connections.map(({ id, displayName }) => ({ id, displayName })),
      first: at("oauth2") < at("password"),
    },
    origins,
  };
}
