import type { DpopInput } from "@authpi/domain/oauth";
import type { Context } from "hono";
import type { IssuerEnv } from "./middleware/issuer.ts";

/**
 * What the domain needs about DPoP (RFC 9449 §4.3): the header as sent, the method and the
 * endpoint's published URL (what a client signs as `htu`), and the issuer's nonce secret.
 */
export function dpopInput<E extends IssuerEnv>(c: Context<E>, path: string): DpopInput {
  return {
    header: c.req.header("dpop") ?? null,
    htm: c.req.method,
    htu: `${c.get("issuerUrl")}${path}`,
    nonces: { secret: c.env.KEY_ENCRYPTION_SECRET, issuerId: c.get("issuer").id },
  };
}
