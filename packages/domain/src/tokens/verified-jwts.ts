import type { JWTPayload } from "jose";
import type { KeyRing } from "../signing-keys/key-ring.ts";

/** A signature this isolate checked, with what the check depended on. */
interface Verified {
  payload: JWTPayload;
  typ: string | undefined;
  kid: string;
  alg: string;
  iss: string;
}

/** About 2,000 tokens of ~1 KB: a couple of MB of an isolate's 128 MB. */
const MAX_ENTRIES = 2000;
const entries = new Map<string, Verified>();

/**
 * Tokens whose signature this isolate verified, keyed by the exact token string: a resource
 * server that calls userinfo or introspection with the same token again costs no second ES256
 * verification (docs/decisions/token-paths.md). Only what never changes for a given string is
 * kept (signature, header, issuer); what can change is checked again on every use: the key must
 * still be in the issuer's ring, and `exp` / `nbf` hold at `now`. Revocation is never cached: the
 * callers still ask the issuer's store.
 */
export function recallVerified(
  ring: KeyRing,
  token: string,
  options: { issuer: string; now: number; typ?: string; allowExpired?: boolean },
): { payload: JWTPayload; typ: string | undefined } | null | undefined {
  const hit = entries.get(token);
  if (!hit) return undefined;
  if (ring.publicKey(hit.kid)?.alg !== hit.alg || hit.iss !== options.issuer) return null;
  if (options.typ && normalTyp(hit.typ) !== normalTyp(options.typ)) return null;
  const seconds = Math.floor(options.now / 1000);
  const { exp, nbf } = hit.payload;
  if (!options.allowExpired && typeof exp === "number" && exp <= seconds) {
    entries.delete(token);
    return null;
  }
  if (typeof nbf === "number" && nbf > seconds) return null;
  // A copy: a caller that adds to its claims must not change what the next caller reads.
  return { payload: { ...hit.payload }, typ: hit.typ };
}

/** Keeps a signature just verified by jose (never a failed one). */
export function rememberVerified(
  token: string,
  verified: { payload: JWTPayload; typ: string | undefined; kid: string; alg: string },
): void {
  if (typeof verified.payload.iss !== "string") return;
  entries.delete(token);
  entries.set(token, { ...verified, payload: { ...verified.payload }, iss: verified.payload.iss });
  if (entries.size > MAX_ENTRIES) {
    const oldest = entries.keys().next().value;
    if (oldest !== undefined) entries.delete(oldest);
  }
}

/** jose's `typ` comparison: case-insensitive, `application/` optional (RFC 7515 §4.1.9). */
function normalTyp(typ: string | undefined): string | undefined {
  return typ?.toLowerCase().replace(/^application\//, "");
}
