import type { JWTPayload } from "jose";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { verifyOwnJwt } from "../tokens/jwt.ts";
import type { IssuerStoreRpc } from "./issuer-store.ts";

export type TokenKind = "access" | "refresh";

export interface InspectedToken {
  kind: TokenKind;
  claims: JWTPayload & { jti: string; client_id: string };
}

/**
 * Reads a token this issuer signed and tells whether it is still honoured: signature, `iss`,
 * `exp`, then the store (session tree live, not revoked, refresh token not yet rotated).
 * Access tokens carry `typ: at+jwt`; refresh tokens carry no `typ` and no `auth_time`, which
 * tells them apart from ID tokens (never accepted here).
 */
export async function inspectToken(
  deps: { ring: KeyRing; store: IssuerStoreRpc; issuerUrl: string; now: number },
  token: string,
): Promise<InspectedToken | null> {
  const verified = await verifyOwnJwt(deps.ring, token, { issuer: deps.issuerUrl, now: deps.now });
  if (!verified) return null;
  const { payload, typ } = verified;
  if (typeof payload.jti !== "string" || typeof payload.client_id !== "string") return null;
  let kind: TokenKind;
  if (typ === "at+jwt") kind = "access";
  else if (typ === undefined && payload.auth_time === undefined) kind = "refresh";
  else return null;
  const sid = typeof payload.sid === "string" ? payload.sid : null;
  const active = await deps.store.tokenActive({ sid, jti: payload.jti, kind }, deps.now);
  if (!active) return null;
  return { kind, claims: payload as InspectedToken["claims"] };
}
