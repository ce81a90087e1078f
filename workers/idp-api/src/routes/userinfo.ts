import { createDb } from "@authpi/domain/db";
import { userInfo } from "@authpi/domain/oauth";
import { Hono } from "hono";
import { presented } from "../bearer-token.ts";
import { dpopInput } from "../dpop-input.ts";
import { keyRing } from "../key-ring.ts";
import { type IssuerEnv, loadIssuer } from "../middleware/issuer.ts";
import { issuerStore } from "../store.ts";

/** UserInfo (OIDC Core §5.3), GET and POST; CORS-open so browser apps can call it. */
export const userinfo = new Hono<IssuerEnv>().on(
  ["GET", "POST"],
  "/userinfo",
  loadIssuer,
  async (c) => {
    const now = c.var.now;
    const claims = await userInfo(
      {
        db: createDb(c.env.DB),
        ring: await keyRing(c.env, c.var.issuer.id, now),
        store: issuerStore(c.env, c.var.issuer.id),
        issuerUrl: c.var.issuerUrl,
        issuerId: c.var.issuer.id,
        clients: c.var.clients,
        now,
        issuer: c.var.issuer,
        dpop: dpopInput(c, "/userinfo"),
      },
      presented(c.req.header("authorization")),
    );
    c.header("Cache-Control", "no-store");
    c.header("Access-Control-Allow-Origin", "*");
    return c.json(claims);
  },
);
