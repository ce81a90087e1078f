import type { ClientLookup } from "../clients/find-client.ts";
import type { Db } from "../db/client.ts";
import { DomainError } from "../errors.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { PERSONAL_TOKEN_PREFIX } from "../tokens/personal-token-jwt.ts";
import { userClaims } from "../tokens/user-claims.ts";
import { grantSubject } from "./grants/load-grant-user.ts";
import type { IssuerStoreRpc } from "./issuer-store-contract.ts";
import { personalTokenUserInfo } from "./personal-token-userinfo.ts";
import { parseScope } from "./scopes.ts";
import { verifyToken } from "./token-inspection.ts";

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
  },
  accessToken: string | null,
): Promise<Record<string, unknown>> {
  if (!accessToken) throw new DomainError("INVALID_TOKEN", "an access token is required");
  if (accessToken.startsWith(PERSONAL_TOKEN_PREFIX)) {
    return personalTokenUserInfo(deps, accessToken);
  }
  const verified = await verifyToken(deps, accessToken);
  if (verified?.kind !== "access" || typeof verified.claims.sub !== "string") {
    throw new DomainError("INVALID_TOKEN", "the access token is invalid, expired or revoked");
  }
  const { claims } = verified;
  const sub: string = verified.claims.sub;
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
  const state = await deps.store.activeTokenClaims({ ...at, kind: "access" }, sub, deps.now);
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
