import { createDb } from "@authpi/domain/db";
import { type PasskeyDeps, relyingParty } from "@authpi/domain/passkeys";
import type { Context } from "hono";
import { issuerStore } from "../store.ts";
import type { PageEnv } from "./contract.ts";

/** The relying party from `IDP_BASE_URL` and `WEBAUTHN_RP_ID`; challenges in the issuer's store. */
export function passkeyDeps(c: Context<PageEnv>): PasskeyDeps {
  return {
    db: createDb(c.env.DB),
    rp: relyingParty(
      c.env.IDP_BASE_URL,
      c.env.WEBAUTHN_RP_ID ?? "",
      c.var.issuer.name ?? c.var.t.common.fallbackIssuerName,
    ),
    challenges: issuerStore(c.env, c.var.issuer.id),
    issuerId: c.var.issuer.id,
  };
}
