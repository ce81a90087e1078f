import { authenticateAgent, isAgentId } from "@authpi/domain/agents";
import type { ClientRow } from "@authpi/domain/clients";
import { createDb } from "@authpi/domain/db";
import { DomainError } from "@authpi/domain/errors";
import type { RequestParams, TokenCaller } from "@authpi/domain/oauth";
import {
  authenticateClient,
  type ClientCredentials,
  type PresentedCredentials,
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

/** The body, and the client credentials it and the Authorization header present, read once. */
async function readRequest<E extends IssuerEnv>(c: Context<E>) {
  const params = await bodyParams(c.req);
  const credentials: ClientCredentials = {
    authorization: c.req.header("authorization"),
    clientId: params.get("client_id"),
    clientSecret: params.get("client_secret"),
  };
  return { params, credentials, presented: presentedCredentials(credentials) };
}

function throttleAt<E extends IssuerEnv>(c: Context<E>, now: number) {
  return { env: c.env, issuerId: c.get("issuer").id, ip: c.req.header("cf-connecting-ip"), now };
}

/** The credentials, or the error a wrong presentation of them earns (counted as a failure). */
function presentedOrThrow(presented: PresentedCredentials | DomainError): PresentedCredentials {
  if (presented instanceof DomainError) throw presented;
  return presented;
}

/** Parses the body and authenticates the client, for /introspect and /revoke. */
export const clientAuth = createMiddleware<ClientEnv>(async function clientAuth(c, next) {
  const { params, credentials, presented } = await readRequest(c);
  const now = c.get("now");
  const client = await throttleClientAuth(throttleAt(c, now), credentials, presented, () =>
    authenticateClient(c.get("clients"), presentedOrThrow(presented), now),
  );
  c.set("params", params);
  c.set("client", client);
  await next();
});

/** For /token: a client, or an agent (`client_id=agt_…`) with one of its secret verifiers. */
export const tokenCallerAuth = createMiddleware<TokenCallerEnv>(
  async function tokenCallerAuth(c, next) {
    const { params, credentials, presented } = await readRequest(c);
    const now = c.get("now");
    const caller = await throttleClientAuth(
      throttleAt(c, now),
      credentials,
      presented,
      async (): Promise<TokenCaller> => {
        const valid = presentedOrThrow(presented);
        if (isAgentId(valid.clientId)) {
          const db = createDb(c.env.DB);
          return { type: "agent", ...(await authenticateAgent(db, c.get("issuer").id, valid)) };
        }
        const client = await authenticateClient(c.get("clients"), valid, now);
        return { type: "client", client };
      },
    );
    c.set("caller", caller);
    c.set("params", params);
    await next();
  },
);
