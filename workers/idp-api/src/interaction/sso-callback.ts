import { createDb } from "@authpi/domain/db";
import { finishSsoSignIn, ssoProfileAllowed } from "@authpi/domain/organizations";
import type { UpstreamConnection, UpstreamOutcome, UpstreamProfile } from "@authpi/domain/upstream";
import type { Context } from "hono";
import { mutationContext } from "../mutation-context.ts";
import type { PageEnv } from "./contract.ts";

type SsoGate = "not_organization" | "organization" | "refused";

/** An organization's IdP may answer only for verified addresses of its own verified domains. */
export async function ssoGate(
  c: Context<PageEnv>,
  connection: UpstreamConnection,
  profile: UpstreamProfile,
): Promise<SsoGate> {
  if (connection.source.kind !== "organization") return "not_organization";
  const db = createDb(c.env.DB);
  const allowed = await ssoProfileAllowed(db, c.get("issuer").id, connection.id, profile);
  return allowed ? "organization" : "refused";
}

/** After an organization's SSO: link without a second proof and provision the membership. */
export function afterSsoSignIn(
  c: Context<PageEnv>,
  gate: SsoGate,
  p: { connection: UpstreamConnection; profile: UpstreamProfile; outcome: UpstreamOutcome },
): Promise<UpstreamOutcome> {
  if (gate !== "organization") return Promise.resolve(p.outcome);
  const ctx = mutationContext(
    c,
    c.get("issuer").accountId,
    { type: "system", id: null },
    c.get("now"),
  );
  return finishSsoSignIn(createDb(c.env.DB), ctx, { issuerId: c.get("issuer").id, ...p });
}
