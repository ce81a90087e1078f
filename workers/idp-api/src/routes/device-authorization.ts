import { startDeviceAuthorization } from "@authpi/domain/oauth";
import { Hono } from "hono";
import { type ClientEnv, clientAuth } from "../middleware/client-auth.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { issuerStore } from "../store.ts";

/** The device authorization endpoint (RFC 8628 §3.1), client-authenticated as at /token. */
export const deviceAuthorization = new Hono<ClientEnv>().post(
  "/device_authorization",
  loadIssuer,
  clientAuth,
  async (c) => {
    const started = await startDeviceAuthorization(
      {
        store: issuerStore(c.env, c.get("issuer").id),
        issuerScopes: c.get("issuer").availableScopes,
        issuerUrl: c.get("issuerUrl"),
        now: c.get("now"),
      },
      c.get("client"),
      c.get("params"),
    );
    // RFC 8628 §3.2: a 200 with the codes, never cached (RFC 6749 §5.1).
    c.header("Cache-Control", "no-store");
    return c.json(started);
  },
);
