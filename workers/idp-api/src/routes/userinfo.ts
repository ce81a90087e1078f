import { createDb } from "@authpi/domain/db";
import { DomainError } from "@authpi/domain/errors";
import { type PresentedToken, userInfo } from "@authpi/domain/oauth";
import { Hono } from "hono";
import { dpopInput } from "../dpop-input.ts";
import { keyRing } from "../key-ring.ts";
import { type IssuerEnv, loadIssuer } from "../middleware/issuer.ts";
import { issuerStore } from "../store.ts";

/** The token from the Authorization header: Bearer (RFC 6750 §2.1) or DPoP (RFC 9449 §7.1). */
function presented(header: string | undefined): PresentedToken | null {
  if (!header) return null;
  const match = /^(Bearer|DPoP)\s+([A-Za-z0-9\-._~+/]+=*)\s*$/i.exec(header);
  if (!match?.[1] || !match[2]) {
    throw new DomainError("INVALID_TOKEN", "malformed Authorization header");
  }
  return { scheme: match[1].toLowerCase() === "dpop" ? "DPoP" : "Bearer", token: match[2] };
}

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
