import type { ClientRow } from "../clients/client-wire.ts";
import type { KeyRing } from "../signing-keys/key-ring.ts";
import type { IssuerStoreRpc } from "./issuer-store-contract.ts";
import { inspectToken } from "./token-inspection.ts";

/**
 * Token revocation (RFC 7009 §2.1). A refresh token ends its whole family (the rp session);
 * an access token is denied until it expires. Unknown, foreign or already invalid tokens are
 * ignored: the answer is the same 200 either way (§2.2).
 */
export async function revoke(
  deps: { ring: KeyRing; store: IssuerStoreRpc; issuerUrl: string; client: ClientRow; now: number },
  token: string,
): Promise<void> {
  const inspected = await inspectToken(deps, token);
  if (!inspected || inspected.claims.client_id !== deps.client.id) return;
  if (inspected.kind === "refresh") {
    await deps.store.revokeRefresh(inspected.claims.jti, deps.client.id, deps.now);
  } else {
    await deps.store.revokeAccessToken(inspected.claims.jti, (inspected.claims.exp ?? 0) * 1000);
  }
}
