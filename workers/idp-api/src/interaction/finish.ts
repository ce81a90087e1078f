import { createDb } from "@authpi/domain/db";
import { acrFor, startSession } from "@authpi/domain/login";
import type { UserRow } from "@authpi/domain/users";
import type { Context } from "hono";
import { mutationContext } from "../mutation-context.ts";
import { issuerStore } from "../store.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { setSessionCookie } from "./cookies.ts";
import { joinInvitation } from "./invitation-join.ts";
import { closeInteraction, type Interaction } from "./state.ts";

/**
 * The last step: an invitation is accepted; an authorization opens the SSO session for the
 * factors passed and hands back to the protocol side.
 */
export async function finishSignIn(
  c: Context<PageEnv>,
  complete: CompleteAuthorization,
  interaction: { id: string; state: Interaction },
  user: UserRow,
  amr: string[],
  now: number,
) {
  const { request, invitationToken } = interaction.state;
  if (!request) {
    await closeInteraction(c, interaction.id);
    return joinInvitation(c, invitationToken ?? "", user, now);
  }
  const store = issuerStore(c.env, c.get("issuer").id);
  const ctx = mutationContext(c, c.get("issuer").accountId, { type: "user", id: user.id }, now);
  const { session, cookie } = await startSession(
    { db: createDb(c.env.DB), store, issuer: c.get("issuer"), ctx, clientId: request.clientId },
    user,
    interaction.state.firstFactor ??
      (amr.includes("hwk") || amr.includes("swk") ? "webauthn" : "password"),
    amr,
  );
  await closeInteraction(c, interaction.id);
  setSessionCookie(c, c.get("issuer").id, cookie, Math.floor((session.expiresAt - now) / 1000));
  const acr = acrFor(request.acrValues ?? [], amr);
  return complete(c, request, { session, amr, acr, authTime: session.authTime }, 303);
}
