import { TtlCache } from "@authpi/domain/cache";
import type { ClientRow } from "@authpi/domain/clients";
import { type ClientLookup, cachedClientLookup } from "@authpi/domain/clients";
import { createDb } from "@authpi/domain/db";
import { getActiveIssuer, type IssuerRow, issuerUrl } from "@authpi/domain/issuers";
import { accountClient, withAccountClient } from "@authpi/domain/portal";
import { createMiddleware } from "hono/factory";
import type { Env, RequestVariables } from "../env.ts";
import { withMetadataClients } from "../metadata-clients.ts";

export type IssuerEnv = {
  Bindings: Env;
  Variables: RequestVariables & { issuer: IssuerRow; issuerUrl: string; clients: ClientLookup };
};

/**
 * Issuers and clients change rarely and are read on every request, so each isolate keeps them
 * briefly: an issuer for 30 s, a client for 10 s (a client whose secret does not match its
 * cached row is read again before the request fails, so a rotated secret works at once).
 */
const issuerCache = new TtlCache<IssuerRow>(30_000);
const clientCache = new TtlCache<ClientRow>(10_000);

/**
 * Loads the issuer named by the `:issuer_id` path segment (unknown or inactive: 404) and its
 * clients, with the reserved account-portal client built in code (docs/decisions/portal.md).
 */
export const loadIssuer = createMiddleware<IssuerEnv>(async function loadIssuer(c, next) {
  const db = createDb(c.env.DB);
  const now = c.get("now");
  const issuer = await getActiveIssuer(db, c.req.param("issuer_id") ?? "", {
    cache: issuerCache,
    now,
  });
  c.set("issuer", issuer);
  const url = issuerUrl(c.env.IDP_BASE_URL, issuer.id);
  c.set("issuerUrl", url);
  const cached = cachedClientLookup(db, issuer.id, { cache: clientCache, now });
  const stored = withMetadataClients(cached, c.env, issuer, now);
  c.set(
    "clients",
    withAccountClient(stored, () => accountClient(issuer, url)),
  );
  await next();
});
