import type { ClientRow } from "@authpi/domain/clients/client-wire";
import { authenticateClient } from "@authpi/domain/oauth/client-auth";
import type { RequestParams } from "@authpi/domain/oauth/grants/grant-context";
import { createMiddleware } from "hono/factory";
import { clientLookup } from "../lookups.ts";
import { bodyParams } from "../request-params.ts";
import type { IssuerEnv } from "./issuer.ts";

export type ClientEnv = {
  Bindings: IssuerEnv["Bindings"];
  Variables: IssuerEnv["Variables"] & { client: ClientRow; params: RequestParams; now: number };
};

/** Parses the body and authenticates the client, for /token, /introspect and /revoke. */
export const clientAuth = createMiddleware<ClientEnv>(async function clientAuth(c, next) {
  const now = Date.now();
  const params = await bodyParams(c.req);
  const client = await authenticateClient(
    clientLookup(c.env, c.var.issuer.id, now),
    {
      authorization: c.req.header("authorization"),
      clientId: params.get("client_id"),
      clientSecret: params.get("client_secret"),
    },
    now,
  );
  c.set("params", params);
  c.set("client", client);
  c.set("now", now);
  await next();
});
