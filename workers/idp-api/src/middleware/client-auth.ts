import { authenticateAgent, isAgentId } from "@authpi/domain/agents";
import type { ClientRow } from "@authpi/domain/clients";
import { createDb } from "@authpi/domain/db";
import type { RequestParams, TokenCaller } from "@authpi/domain/oauth";
import {
  authenticateClient,
  type ClientCredentials,
  presentedCredentials,
} from "@authpi/domain/oauth";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { bodyParams } from "../request-params.ts";
import { throttleClientAuth } from "./client-auth-throttle.ts";
import type { IssuerEnv } from "./issuer.ts";

export type ClientEnv = {
  Bindings: IssuerEnv["Bindings"];
  Variables: IssuerEnv["Variables"] & { client: ClientRow; params: RequestParams };
};

export type TokenCallerEnv = {
  Bindings: IssuerEnv["Bindings"];
  Variables: IssuerEnv["Variables"] & {
    params: RequestParams;
    caller: TokenCaller;
  };
};

async function readRequest<E extends IssuerEnv>(c: Context<E>) {
  const params = await bodyParams(c.req);
  const credentials: ClientCredentials = {
    authorization: c.req.header("authorization"),
    clientId: params.get("client_id"),
    clientSecret: params.get("client_secret"),
  };
  return { params, credentials };
}

function throttleAt<E extends IssuerEnv>(c: Context<E>, now: number) {
  return { env: c.env, issuerId: c.get("issuer").id, ip: c.req.header("cf-connecting-ip"), now };
}

/** Parses the body and authenticates the client, for /introspect and /revoke. */
export const clientAuth = createMiddleware<ClientEnv>(async function clientAuth(c, next) {
  const { params, credentials } = await readRequest(c);
  const now = c.get("now");
  const client = await throttleClientAuth(throttleAt(c, now), credentials, () =>
    authenticateClient(c.get("clients"), credentials, now),
  );
  c.set("params", params);
  c.set("client", client);
  await next();
});

/** For /token: a client, or an agent (`client_id=agt_…`) with one of its secret verifiers. */
export const tokenCallerAuth = createMiddleware<TokenCallerEnv>(
  async function tokenCallerAuth(c, next) {
    const { params, credentials } = await readRequest(c);
    const now = c.get("now");
    const caller = await throttleClientAuth(
      throttleAt(c, now),
      credentials,
      async (): Promise<TokenCaller> => {
        const presented = presentedCredentials(credentials);
        if (isAgentId(presented.clientId)) {
          const db = createDb(c.env.DB);
          return { type: "agent", ...(await authenticateAgent(db, c.get("issuer").id, presented)) };
        }
        const client = await authenticateClient(c.get("clients"), credentials, now);
        return { type: "client", client };
      },
    );
    c.set("caller", caller);
    c.set("params", params);
    await next();
  },
);
