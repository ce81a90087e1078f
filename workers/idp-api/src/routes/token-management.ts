import { DomainError } from "@authpi/domain/errors";
import { introspect, revoke } from "@authpi/domain/oauth";
import { Hono } from "hono";
import { jsonResponse } from "../json-response.ts";
import { keyRing } from "../key-ring.ts";
import { type ClientEnv, clientAuth } from "../middleware/client-auth.ts";
import { loadIssuer } from "../middleware/issuer.ts";
import { issuerStore } from "../store.ts";

/** Introspection (RFC 7662) and revocation (RFC 7009), both client-authenticated. */
export const tokenManagement = new Hono<ClientEnv>()
  .use("/introspect", loadIssuer, clientAuth)
  .use("/revoke", loadIssuer, clientAuth)
  .post("/introspect", async (c) => {
    const body = await introspect(
      {
        ring: await keyRing(c.env, c.get("issuer").id, c.get("now")),
        store: issuerStore(c.env, c.get("issuer").id),
        issuerUrl: c.get("issuerUrl"),
        client: c.get("client"),
        now: c.get("now"),
      },
      c.get("params").get("token"),
    );
    return jsonResponse(body, { "Cache-Control": "no-store" });
  })
  .post("/revoke", async (c) => {
    const token = c.get("params").get("token");
    if (!token) throw new DomainError("INVALID_REQUEST", "token is required");
    await revoke(
      {
        ring: await keyRing(c.env, c.get("issuer").id, c.get("now")),
        store: issuerStore(c.env, c.get("issuer").id),
        issuerUrl: c.get("issuerUrl"),
        client: c.get("client"),
        now: c.get("now"),
      },
      token,
    );
    c.header("Cache-Control", "no-store");
    return c.body(null, 200);
  });
