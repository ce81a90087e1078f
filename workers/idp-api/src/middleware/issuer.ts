import { notFound } from "@authpi/domain/errors";
import { type IssuerRow, issuerUrl } from "@authpi/domain/issuers/issuer-wire";
import { createMiddleware } from "hono/factory";
import type { Env } from "../env.ts";
import { cachedIssuer } from "../lookups.ts";

export type IssuerEnv = {
  Bindings: Env;
  Variables: { issuer: IssuerRow; issuerUrl: string };
};

/** Loads the issuer named by the `:issuer_id` path segment; unknown or inactive issuers are a 404. */
export const loadIssuer = createMiddleware<IssuerEnv>(async function loadIssuer(c, next) {
  const issuer = await cachedIssuer(c.env, c.req.param("issuer_id") ?? "", Date.now());
  if (issuer?.status !== "active") throw notFound("Issuer");
  c.set("issuer", issuer);
  c.set("issuerUrl", issuerUrl(c.env.IDP_BASE_URL, issuer.id));
  await next();
});
