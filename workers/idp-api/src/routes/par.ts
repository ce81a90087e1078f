import { pushAuthorizationRequest } from "@authpi/domain/oauth";
import { Hono } from "hono";
import { dpopInput } from "../dpop-input.ts";
import { type ClientEnv, clientAuth } from "../middleware/client-auth.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { issuerStore } from "../store.ts";

/** The pushed authorization request endpoint (RFC 9126 §2), client-authenticated as at /token. */
export const par = new Hono<ClientEnv>().post("/par", loadIssuer, clientAuth, async (c) => {
  const pushed = await pushAuthorizationRequest(
    {
      store: issuerStore(c.env, c.get("issuer").id),
      secret: c.env.KEY_ENCRYPTION_SECRET,
      issuerScopes: c.get("issuer").availableScopes,
      now: c.get("now"),
      dpop: { input: dpopInput(c, "/par"), issuer: c.get("issuer") },
    },
    c.get("client"),
    c.get("params"),
  );
  // RFC 9126 §2.2: 201 Created, never cached.
  c.header("Cache-Control", "no-store");
  return c.json(pushed, 201);
});
