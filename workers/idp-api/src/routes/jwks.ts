import { JWKS_MAX_AGE_S, type KeyRing } from "@authpi/domain/signing-keys";
import { Hono } from "hono";
import { jsonResponse } from "../json-response.ts";
import { keyRing } from "../key-ring.ts";
import { type IssuerEnv, loadIssuer } from "../middleware/issuer.ts";

/**
 * JWKS (RFC 7517 §5), the issuer's keys. Cached for at most {@link JWKS_MAX_AGE_S} seconds,
 * with no stale serving: a new key is published longer than that before it signs, so every
 * cache holds it by then (docs/decisions/protocol.md §3).
 */
export const jwks = new Hono<IssuerEnv>().get("/jwks.json", loadIssuer, async (c) => {
  const ring = await keyRing(c.env, c.get("issuer").id, c.get("now"));
  return jsonResponse(serialized(ring), {
    "Cache-Control": `public, max-age=${JWKS_MAX_AGE_S}`,
    "Access-Control-Allow-Origin": "*",
  });
});

/** The JWKS document is the same for every request until the ring reloads: serialise it once. */
const documents = new WeakMap<KeyRing, string>();
function serialized(ring: KeyRing): string {
  let json = documents.get(ring);
  if (json === undefined) {
    json = JSON.stringify(ring.jwks);
    documents.set(ring, json);
  }
  return json;
}
