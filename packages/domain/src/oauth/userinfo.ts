import type { ClientLookup } from "../clients/find-client.ts";
import type { Db } from "../db/client.ts";
import { DomainError } from "../errors.ts";
import type { IssuerRow } from "../issuers/issuer-wire.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { PERSONAL_TOKEN_PREFIX } from "../tokens/personal-token-jwt.ts";
import { userClaims } from "../tokens/user-claims.ts";
import { type AcceptedProof, acceptDpopProof, type DpopInput } from "./dpop/dpop-request.ts";
import { grantSubject } from "./grants/load-grant-user.ts";
import type { IssuerStoreRpc } from "./issuer-store-contract.ts";
import { personalTokenUserInfo } from "./personal-token-userinfo.ts";
import { parseScope } from "./scopes.ts";
import { verifyToken } from "./token-inspection.ts";

/** An access token as presented (RFC 6750 §2.1 Bearer, RFC 9449 §7.1 DPoP). */
export interface PresentedToken {
  token: string;
  scheme: "Bearer" | "DPoP";
}

/**
 * The proof a bound token needs at a resource (RFC 9449 §7.1): the DPoP scheme, a proof with
 * `ath`, of the key the token confirms. A bound token sent as Bearer is refused, asking for DPoP.
 */
async function resourceProof(
  dpop: { input: DpopInput; issuer: IssuerRow; now: number },
  presented: PresentedToken,
  jkt: string | null,
): Promise<AcceptedProof | null> {
  if (presented.scheme === "Bearer") {
    if (jkt === null) return null;
    throw new DomainError("INVALID_TOKEN", "a DPoP-bound access token needs the DPoP scheme", {
      extra: { challenge: "DPoP" },
    });
  }
  const proof = await acceptDpopProof(
    dpop.input,
    dpop.issuer,
    dpop.now,
    "resource",
    presented.token,
  );
  if (!proof) throw new DomainError("RESOURCE_INVALID_DPOP_PROOF", "a DPoP proof is required");
  if (jkt === null) throw new DomainError("INVALID_TOKEN", "the access token is not DPoP-bound");
  if (proof.jkt !== jkt) {
    throw new DomainError("RESOURCE_INVALID_DPOP_PROOF", "the DPoP proof's key is not the token's");
  }
  return proof;
}

function confirmedJkt(claims: Record<string, unknown>): string | null {
  const cnf = claims.cnf as { jkt?: unknown } | undefined;
  return typeof cnf?.jkt === "string" ? cnf.jkt : null;
}

/**
 * The UserInfo response (OIDC Core §5.3): claims per granted scope and the user's
 * organizations, current because every write to them passes the store (docs/decisions/claims-snapshot.md).
 * A personal token (`ptk_…`) of this issuer is accepted too.
 */
export async function userInfo(
  deps: {
    db: Db;
    ring: KeyRing;
    store: IssuerStoreRpc;
    issuerUrl: string;
    issuerId: string;
    clients: ClientLookup;
    now: number;
    issuer: IssuerRow;
    /** The request's DPoP header and UserInfo's published URL (RFC 9449 §7.1). */
    dpop: DpopInput;
  },
  presented: PresentedToken | null,
): Promise<Record<string, unknown>> {
  if (!presented) throw new DomainError("INVALID_TOKEN", "an access token is required");
  const accessToken = presented.token;
  if (accessToken.startsWith(PERSONAL_TOKEN_PREFIX) && presented.scheme === "Bearer") {
    return personalTokenUserInfo(deps, accessToken);
  }
  const verified = await verifyToken(deps, accessToken);
  if (verified?.kind !== "access" || typeof verified.claims.sub !== "string") {
    throw new DomainError("INVALID_TOKEN", "the access token is invalid, expired or revoked");
  }
  const { claims } = verified;
  const sub: string = verified.claims.sub;
  const proof = await resourceProof(
    { input: deps.dpop, issuer: deps.issuer, now: deps.now },
    presented,
    confirmedJkt(claims),
  );
  const scope = parseScope(String(claims.scope ?? ""));
  if (!scope.includes("openid")) {
    throw new DomainError(
      "INSUFFICIENT_SCOPE",
      "the access token was not granted the openid scope",
    );
  }
  const client = await deps.clients(claims.client_id);
  if (!client) throw new DomainError("INVALID_TOKEN", "the access token is no longer valid");
  const orgId = typeof claims.org_id === "string" ? claims.org_id : null;
  // Session liveness and the claims snapshot come from one store call; only a miss reads D1.
  const at = { sid: typeof claims.sid === "string" ? claims.sid : null, jti: claims.jti };
  const state = await deps.store.activeTokenClaims(
    { ...at, kind: "access" },
    sub,
    deps.now,
    ...(proof ? [proof.replay] : []),
  );
  if (!state.active && state.dpopReplayed) {
    throw new DomainError("RESOURCE_INVALID_DPOP_PROOF", "the DPoP proof was already used");
  }
  if (!state.active) {
    throw new DomainError("INVALID_TOKEN", "the access token is invalid, expired or revoked");
  }
  const subject = await grantSubject(
    deps,
    sub,
    state.claims,
    {
      orgId,
      policy: client.settings.organizations,
    },
    at,
  );
  if (!subject) throw new DomainError("INVALID_TOKEN", "the access token is no longer valid");
  const { user, organizations } = subject;
  return {
    ...userClaims(user, scope),
    sub: user.id,
    organizations,
    ...(orgId ? { org_id: orgId } : {}),
  };
}
