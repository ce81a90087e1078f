import type { CodeGrant, IssuerStoreRpc } from "../oauth/issuer-store-contract.ts";
import { verifyPkce } from "../oauth/pkce.ts";
import { codeKey } from "../oauth/shard-routing.ts";
import { ACCOUNT_CLIENT_ID } from "./account-client.ts";

/**
 * Redeems the portal's own authorization code inside the IdP (the reserved client has no
 * secret, so the token endpoint never accepts it): single use, issued to the portal client for
 * its callback (RFC 6749 §4.1.3) and bound to the PKCE verifier of this browser (RFC 7636 §4.6).
 */
export async function redeemPortalCode(
  store: Pick<IssuerStoreRpc, "consumeCode">,
  code: string,
  expected: { redirectUri: string; verifier: string },
  now: number,
): Promise<CodeGrant | null> {
  // 43 base64url characters, with the shard tag of docs/decisions/sharding.md when not shard 0.
  if (!/^[A-Za-z0-9_-]{43}(\.[0-9a-z]{2})?$/.test(code)) return null;
  const result = await store.consumeCode(await codeKey(code), now);
  if (result.status !== "ok") return null;
  const { grant } = result;
  if (grant.clientId !== ACCOUNT_CLIENT_ID || grant.redirectUri !== expected.redirectUri) {
    return null;
  }
  if (!grant.codeChallenge || !(await verifyPkce(grant.codeChallenge, expected.verifier))) {
    return null;
  }
  return grant;
}
