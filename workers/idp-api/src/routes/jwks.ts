import type { KeyRing } from "@authpi/domain/signing-keys";
import { Hono } from "hono";
import { keyRing } from "../key-ring.ts";
import { type IssuerEnv, loadIssuer } from "../middleware/issuer.ts";

/**
 * JWKS (RFC 7517 §5). Cached for 15 minutes: verifiers refetch on an unknown `kid`, and a
 * new key is published at least as long as it signs, so rotations are picked up.
 */
export const jwks = new Hono<IssuerEnv>().get("/jwks.json", loadIssuer, async (c) => {
  const ring = await keyRing(c.env, c.var.now);
  c.header("Cache-Control", "public, max-age=900, stale-while-revalidate=3600");
  c.header("Access-Control-Allow-Origin", "*");
  c.header("Content-Type", "application/json");
  return c.body(serialized(ring));
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
