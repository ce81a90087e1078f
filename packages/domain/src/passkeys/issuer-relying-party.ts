import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { authMethods } from "../db/schema.ts";
import { type RelyingParty, relyingPartyFor } from "./relying-party.ts";
import type { WebAuthnSettings } from "./webauthn-settings.ts";

/**
 * The relying party of an issuer's enabled `webauthn` method (its `rp_id`, `origins`,
 * `user_verification`, `resident_key`, `attestation`) over the deployment's base URL and
 * `WEBAUTHN_RP_ID`; the deployment's defaults when the issuer has no such method.
 */
export async function loadRelyingParty(
  db: Db,
  issuerId: string,
  deployment: { baseUrl: string; rpId: string; name: string },
): Promise<RelyingParty> {
  const [method] = await db
    .select({ settings: authMethods.settings })
    .from(authMethods)
    .where(
      and(
        eq(authMethods.issuerId, issuerId),
        eq(authMethods.method, "webauthn"),
        eq(authMethods.enabled, true),
      ),
    )
    .limit(1);
  const settings = (method?.settings ?? {}) as WebAuthnSettings;
  return relyingPartyFor(deployment.baseUrl, deployment.rpId, deployment.name, settings);
}
