import type { ClientRow } from "../clients/client-wire.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import type { IssuerStoreRpc } from "./issuer-store-contract.ts";
import { inspectToken } from "./token-inspection.ts";

const CLAIMS = [
  "scope",
  "client_id",
  "sub",
  "aud",
  "iss",
  "exp",
  "iat",
  "nbf",
  "jti",
  "sid",
  "auth_time",
  "dat",
  "organizations",
  "org_id",
  "act",
  // RFC 9449 §6.2: the key a DPoP-bound token confirms.
  "cnf",
];

/** `DPoP` for a bound access token (RFC 9449 §6.2); else the token's kind, as before. */
export function introspectedType(
  kind: "access" | "refresh",
  claims: Record<string, unknown>,
): string {
  if (kind === "access" && typeof claims.cnf === "object" && claims.cnf !== null) return "DPoP";
  return kind === "access" ? "access_token" : "refresh_token";
}

/**
 * Token introspection (RFC 7662 §2.2). A client sees only its own tokens: anything else,
 * like anything invalid, expired or revoked, is `{active: false}` and nothing more.
 */
export async function introspect(
  deps: { ring: KeyRing; store: IssuerStoreRpc; issuerUrl: string; client: ClientRow; now: number },
  token: string | null,
): Promise<Record<string, unknown>> {
  if (!token) return { active: false };
  const inspected = await inspectToken(deps, token);
  if (!inspected || inspected.claims.client_id !== deps.client.id) return { active: false };
  const response: Record<string, unknown> = {
    active: true,
    token_type: introspectedType(inspected.kind, inspected.claims),
  };
  for (const claim of CLAIMS) {
    if (inspected.claims[claim] !== undefined) response[claim] = inspected.claims[claim];
  }
  return response;
}
