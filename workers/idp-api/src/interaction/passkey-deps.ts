import { createDb } from "@authpi/domain/db";
import { loadRelyingParty, type PasskeyDeps } from "@authpi/domain/passkeys";
import type { Context } from "hono";
import { issuerStore } from "../store.ts";
import type { PageEnv } from "./contract.ts";

/** The relying party of the issuer's `webauthn` method over `IDP_BASE_URL` and `WEBAUTHN_RP_ID`; challenges in the issuer's store. */
export async function passkeyDeps(c: Context<PageEnv>): Promise<PasskeyDeps> {
  const db = createDb(c.env.DB);
  const rp = await loadRelyingParty(db, c.get("issuer").id, {
    baseUrl: c.env.IDP_BASE_URL,
    rpId: c.env.WEBAUTHN_RP_ID ?? "",
    name: c.get("issuer").name ?? c.get("t").common.fallbackIssuerName,
  });
  return {
    db,
    rp,
    challenges: issuerStore(c.env, c.get("issuer").id),
    issuerId: c.get("issuer").id,
  };
}
