import { formHeaders } from "../oauth/token.ts";
import { EndpointUnavailable, expectOk } from "../oauth/unavailable.ts";
import { repeated, type Scenario } from "./scenario.ts";
import { logIn } from "./seed-tokens.ts";

export const introspection: Scenario = {
  id: "introspection",
  title: "Introspection (POST /introspect, RFC 7662)",
  unit: "request",
  bound:
    "client authentication (SHA-256, cached client), one ES256 verification on a token's first use (the isolate remembers verified signatures; every request sends the same token), one Durable Object call (session tree live, token not revoked)",
  async prepare(context) {
    const endpoint = context.metadata.introspection_endpoint;
    if (!endpoint) throw new EndpointUnavailable("introspection (not in discovery)", 0);
    const client = context.target.clients.userinfo;
    const session = await logIn(context, client);
    const headers = formHeaders(client);
    const body = new URLSearchParams({ token: session.tokens.access_token }).toString();
    const response = await expectOk(
      "POST introspect",
      await fetch(endpoint, { method: "POST", headers, body }),
    );
    const answer = (await response.json()) as { active?: boolean };
    if (answer.active !== true) throw new Error("introspection of a fresh token was not active");
    return repeated(context.profile, { url: endpoint, method: "POST", headers, body });
  },
};
