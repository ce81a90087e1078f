import { createDb } from "@authpi/domain/db/client";
import { tokenRequest } from "@authpi/domain/oauth/grants/token-request";
import { Hono } from "hono";
import { keyRing } from "../key-ring.ts";
import { type ClientEnv, clientAuth } from "../middleware/client-auth.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { issuerStore } from "../store.ts";

/** The token endpoint (RFC 6749 §3.2); responses are never cached (§5.1). */
export const token = new Hono<ClientEnv>().post("/token", loadIssuer, clientAuth, async (c) => {
  const response = await tokenRequest(
    {
      db: createDb(c.env.DB),
      store: issuerStore(c.env, c.var.issuer.id),
      ring: await keyRing(c.env, c.var.now),
      issuer: c.var.issuer,
      issuerUrl: c.var.issuerUrl,
      client: c.var.client,
      now: c.var.now,
    },
    c.var.params,
  );
  c.header("Cache-Control", "no-store");
  c.header("Pragma", "no-cache");
  return c.json(response);
});
