import { EndpointUnavailable, expectOk } from "../oauth/unavailable.ts";
import { repeated, type Scenario } from "./scenario.ts";
import { logIn } from "./seed-tokens.ts";

export const userinfo: Scenario = {
  id: "userinfo",
  title: "UserInfo (GET /userinfo, Bearer)",
  unit: "request",
  bound:
    "one ES256 verification, one Durable Object call (session live), one D1 batch (user + memberships, read fresh by contract)",
  async prepare(context) {
    const endpoint = context.metadata.userinfo_endpoint;
    if (!endpoint) throw new EndpointUnavailable("userinfo (not in discovery)", 0);
    const session = await logIn(context, context.target.clients.userinfo);
    const headers = { authorization: `Bearer ${session.tokens.access_token}` };
    await expectOk("GET userinfo", await fetch(endpoint, { headers }));
    return repeated(context.profile, { url: endpoint, method: "GET", headers });
  },
};
