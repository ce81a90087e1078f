import { createDb } from "@authpi/domain/db/client";
import { loadSignInPolicy } from "@authpi/domain/login/load-sign-in-policy";
import { activeSecondFactors } from "@authpi/domain/login/second-factor";
import { nextSignInStep } from "@authpi/domain/login/sign-in-policy";
import { authorizationErrorUrl } from "@authpi/domain/oauth/complete-authorization";
import type { UserRow } from "@authpi/domain/users/user-wire";
import type { Context } from "hono";
import { clientLookup } from "../lookups.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { startEnrollment } from "./enrollment.ts";
import { finishSignIn } from "./finish.ts";
import { showSecondFactor } from "./second-factor.ts";
import { advanceInteraction, type Interaction } from "./state.ts";

export interface OpenStep {
  id: string;
  state: Interaction;
  csrf: string;
}

/**
 * After a factor passed: the policy for this user decides the next step (their second factor,
 * enrollment, done), or refuses the sign-in with `access_denied` (RFC 6749 §4.1.2.1) when
 * MFA is required and cannot be met (docs/decisions/sign-in.md).
 */
export async function continueSignIn(
  c: Context<PageEnv>,
  complete: CompleteAuthorization,
  open: OpenStep,
  user: UserRow,
  amr: string[],
  now: number,
) {
  const { request } = open.state;
  const db = createDb(c.env.DB);
  const client = await clientLookup(c.env, c.var.issuer.id, now)(request.clientId);
  const organizations = client?.settings.organizations ?? { mode: "all" as const, allowlist: [] };
  const [policy, factors] = await Promise.all([
    loadSignInPolicy(db, c.var.issuer, request, { id: user.id, organizations }),
    activeSecondFactors(db, c.var.issuer.id, user.id),
  ]);
  const step = nextSignInStep(policy, { amr, enrolled: factors.map((f) => f.type) as never[] });
  if (step === "done") return finishSignIn(c, complete, open, user, amr, now);
  if (step === "cannot_comply") {
    const description = "multi-factor sign-in is required but no second factor can be used";
    return c.redirect(
      authorizationErrorUrl(request, c.var.issuerUrl, "access_denied", description),
      303,
    );
  }
  const next: Interaction = { ...open.state, userId: user.id, amr };
  if (step === "second_factor") {
    const id = await advanceInteraction(c, open.id, { ...next, step }, open.csrf, now);
    const backup = factors.some((f) => f.type === "backup_codes");
    const shown = { id, csrf: open.csrf, backupCodes: backup, error: null };
    return showSecondFactor(c, shown, 200, request.redirectUri);
  }
  return startEnrollment(c, { ...open, state: next }, user, now);
}
