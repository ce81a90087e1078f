import type { Db } from "../db/client.ts";
import { DomainError } from "../errors.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import { userClaims } from "../tokens/user-claims.ts";
import type { ClientLookup } from "./client-auth.ts";
import { grantSubject } from "./grants/load-grant-user.ts";
import type { IssuerStoreRpc } from "./issuer-store.ts";
import { parseScope } from "./scopes.ts";
import { inspectToken } from "./token-inspection.ts";

/**
 * The UserInfo response (OIDC Core §5.3): claims per granted scope and the user's
 * organizations, read fresh so membership changes show at once (spec idp-api.md §1.6).
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
  const inspected = await inspectToken(deps, accessToken);
  if (inspected?.kind !== "access" || typeof inspected.claims.sub !== "string") {
    throw new DomainError("INVALID_TOKEN", "the access token is invalid, expired or revoked");
  }
  const scope = parseScope(String(inspected.claims.scope ?? ""));
  if (!scope.includes("openid")) {
    throw new DomainError(
      "INSUFFICIENT_SCOPE",
      "the access token was not granted the openid scope",
    );
  }
  const client = await deps.clients(inspected.claims.client_id);
  if (!client) throw new DomainError("INVALID_TOKEN", "the access token is no longer valid");
  const orgId = typeof inspected.claims.org_id === "string" ? inspected.claims.org_id : null;
  const subject = await grantSubject(deps.db, deps.issuerId, inspected.claims.sub, {
    orgId,
    policy: client.settings.organizations,
  });
  if (!subject) throw new DomainError("INVALID_TOKEN", "the access token is no longer valid");
  const { user, organizations } = subject;
  return { ...userClaims(user, scope), sub: user.id, organizations };
}
