import { createDb } from "@authpi/domain/db";
import { DomainError } from "@authpi/domain/errors";
import { mediaType } from "@authpi/domain/input";
import {
  authorizedRegistration,
  deleteRegistration,
  registerClient,
  registrationResponse,
} from "@authpi/domain/registration";
import { Hono } from "hono";
import { bearer } from "../bearer-token.ts";
import { type IssuerEnv, loadIssuer } from "../middleware/issuer.ts";
import { mutationContext } from "../mutation-context.ts";
import { issuerStore } from "../store.ts";

/** The body of a registration request: a JSON object (RFC 7591 §3.1). */
async function jsonBody(req: {
  header(name: string): string | undefined;
  json(): Promise<unknown>;
}) {
  if (mediaType(req.header("content-type")) !== "application/json") {
    throw new DomainError("INVALID_CLIENT_METADATA", "the body must be application/json");
  }
  return req.json().catch(() => {
    throw new DomainError("INVALID_CLIENT_METADATA", "the body is not valid JSON");
  });
}

const clientUri = (issuerUrl: string, clientId: string) => `${issuerUrl}/register/${clientId}`;

/**
 * The client registration endpoint (RFC 7591 §3), off unless the issuer turns it on, and the
 * client configuration endpoint (RFC 7592 §2: read and delete with the registration access token).
 */
export const register = new Hono<IssuerEnv>()
  .post("/register", loadIssuer, async (c) => {
    const { issuer, now } = c.var;
    const registered = await registerClient(
      {
        db: createDb(c.env.DB),
        store: issuerStore(c.env, issuer.id),
        issuer,
        ip: c.req.header("cf-connecting-ip"),
        // The actor is the new client itself, set once its id is known.
        context: mutationContext(c, issuer.accountId, { type: "client", id: null }, now),
      },
      { body: () => jsonBody(c.req), bearer: () => bearer(c.req.header("authorization")) },
    );
    const { client, secret, accessToken } = registered;
    const uri = clientUri(c.get("issuerUrl"), client.id);
    // RFC 7591 §3.2.1: 201 Created; the answer holds secrets, never cached (RFC 6749 §5.1).
    c.header("Cache-Control", "no-store");
    return c.json(registrationResponse(client, secret, { uri, accessToken }), 201);
  })
  .get("/register/:client_id", loadIssuer, async (c) => {
    const clientId = c.req.param("client_id");
    const token = bearer(c.req.header("authorization"));
    const client = await authorizedRegistration(
      createDb(c.env.DB),
      c.get("issuer").id,
      clientId,
      token,
    );
    c.header("Cache-Control", "no-store");
    return c.json(
      registrationResponse(client, null, { uri: clientUri(c.get("issuerUrl"), clientId) }),
    );
  })
  .delete("/register/:client_id", loadIssuer, async (c) => {
    const { issuer, now } = c.var;
    const clientId = c.req.param("client_id");
    const ctx = mutationContext(c, issuer.accountId, { type: "client", id: clientId }, now);
    const token = bearer(c.req.header("authorization"));
    await deleteRegistration(createDb(c.env.DB), ctx, issuer.id, clientId, token);
    return c.body(null, 204);
  });
