import { createDb } from "@authpi/domain/db";
import { userInfo } from "@authpi/domain/oauth";
import { Hono } from "hono";
import { presented } from "../bearer-token.ts";
import { dpopInput } from "../dpop-input.ts";
import { jsonResponse } from "../json-response.ts";
import { keyRing } from "../key-ring.ts";
import { type IssuerEnv, loadIssuer } from "../middleware/issuer.ts";
import { issuerStore } from "../store.ts";

/** UserInfo (OIDC Core §5.3), GET and POST; CORS-open so browser apps can call it. */
export const userinfo = new Hono<IssuerEnv>().on(
  ["GET", "POST"],
  "/userinfo",
  loadIssuer,
  async (c) => {
    const now = c.get("now");
    const claims = await userInfo(
      {
        db: createDb(c.env.DB),
        ring: await keyRing(c.env, c.get("issuer").id, now),
        store: issuerStore(c.env, c.get("issuer").id),
        issuerUrl: c.get("issuerUrl"),
        issuerId: c.get("issuer").id,
        clients: c.get("clients"),
        now,
        issuer: c.get("issuer"),
        dpop: dpopInput(c, "/userinfo"),
      },
      presented(c.req.header("authorization")),
    );
    return jsonResponse(claims, {
      "Cache-Control": "no-store",
      "Access-Control-Allow-Origin": "*",
    });
  },
);
