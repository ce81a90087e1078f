import { createDb } from "@authpi/domain/db/client";
import { getActiveIssuer } from "@authpi/domain/issuers/find-issuer";
import { type IssuerRow, issuerUrl } from "@authpi/domain/issuers/issuer-wire";
import { createMiddleware } from "hono/factory";
import type { Env } from "../env.ts";

export type IssuerEnv = {
  Bindings: Env;
  Variables: { issuer: IssuerRow; issuerUrl: string };
};

/** Loads the issuer named by the `:issuer_id` path segment; unknown issuers are a 404. */
export const loadIssuer = createMiddleware<IssuerEnv>(async function loadIssuer(c, next) {
  const issuer = await getActiveIssuer(createDb(c.env.DB), c.req.param("issuer_id") ?? "");
  c.set("issuer", issuer);
  c.set("issuerUrl", issuerUrl(c.env.IDP_BASE_URL, issuer.id));
  await next();
});
