import { EndpointUnavailable, expectOk } from "../oauth/unavailable.ts";
import { repeated, type Scenario } from "./scenario.ts";
import { logIn } from "./seed-tokens.ts";

export const userinfo: Scenario = {
  id: "userinfo",
  title: "UserInfo (GET /userinfo, Bearer)",
  unit: "request",
  bound:
    "one ES256 verification on a token's first use (the isolate remembers verified signatures; every request sends the same token), one Durable Object call (session live, and the claims snapshot kept current by every write to the user or their memberships), no D1 query when the snapshot is warm",
  async prepare(context) {
    const endpoint = context.metadata.userinfo_endpoint;
    if (!endpoint) throw new EndpointUnavailable("userinfo (not in discovery)", 0);
    const session = await logIn(context, context.target.clients.userinfo);
    const headers = { authorization: `Bearer ${session.tokens.access_token}` };
    await expectOk("GET userinfo", await fetch(endpoint, { headers }));
    return repeated(context.profile, { url: endpoint, method: "GET", headers });
  },
};
