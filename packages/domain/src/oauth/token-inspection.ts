import type { JWTPayload } from "jose";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { verifyOwnJwt } from "../tokens/jwt.ts";
import { refreshHandleKey, refreshHandleSession } from "../tokens/refresh-handle.ts";
import type { IssuerStoreRpc } from "./issuer-store-contract.ts";

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
  if (refreshHandleSession(token)) return inspectRefreshHandle(deps, token);
  const verified = await verifyToken(deps, token);
  if (!verified || !(await tokenStillActive(deps, verified))) return null;
  return verified;
}

/** A refresh handle, read from the store; its claims are the family's, as a JWT's would be. */
async function inspectRefreshHandle(
  deps: { store: IssuerStoreRpc; issuerUrl: string; now: number },
  token: string,
): Promise<InspectedToken | null> {
  const key = await refreshHandleKey(token);
  const record = await deps.store.inspectRefresh(key, deps.now);
  if (!record || record.sessionId !== refreshHandleSession(token)) return null;
  return {
    kind: "refresh",
    claims: {
      iss: deps.issuerUrl,
      sub: record.userId,
      aud: record.clientId,
      exp: Math.floor(record.expiresAt / 1000),
      iat: Math.floor(record.issuedAt / 1000),
      jti: key,
      sid: record.sessionId,
      client_id: record.clientId,
      scope: record.grant.scope,
      ...(record.grant.orgId ? { org_id: record.grant.orgId } : {}),
    },
  };
}

/** Signature, `iss`, `exp` and kind only; {@link tokenStillActive} asks the store. */
export async function verifyToken(
  deps: { ring: KeyRing; issuerUrl: string; now: number },
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
  return { kind, claims: payload as InspectedToken["claims"] };
}

/** Whether the store still honours a verified token: session tree live, not revoked. */
export function tokenStillActive(
  deps: { store: IssuerStoreRpc; now: number },
  token: InspectedToken,
): Promise<boolean> {
  const sid = typeof token.claims.sid === "string" ? token.claims.sid : null;
  return deps.store.tokenActive({ sid, jti: token.claims.jti, kind: token.kind }, deps.now);
}
