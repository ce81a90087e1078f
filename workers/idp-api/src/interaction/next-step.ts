import { createDb } from "@authpi/domain/db";
import {
  activeSecondFactors,
  loadSignInPolicy,
  requireMfa,
  signInStep,
} from "@authpi/domain/login";
import { authorizationError } from "@authpi/domain/oauth";
import type { UserRow } from "@authpi/domain/users";
import type { Context } from "hono";
import { PageError } from "../errors.ts";
import { sendAuthorizationAnswer } from "../send-authorization-answer.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { askEmailVerification } from "./email-verification.ts";
import { startEnrollment } from "./enrollment.ts";
import { finishSignIn } from "./finish.ts";
import { invitedOrgEnforcing } from "./invitation-join.ts";
import { offerPasskey, shouldOfferPasskey } from "./passkey-offer.ts";
import { showSecondFactor } from "./second-factor.ts";
import { advanceInteraction, type Interaction } from "./state.ts";
import { linkAfterProof } from "./upstream-link.ts";

/** An invitation asks what joining its organization needs: it may enforce MFA itself. */
const JOINING = { acrValues: [], maxAge: null, prompt: [], org: null };

async function policyFor(c: Context<PageEnv>, state: Interaction, userId: string, now: number) {
  const db = createDb(c.env.DB);
  if (!state.request) {
    const joining = await loadSignInPolicy(db, c.get("issuer"), JOINING, {
      id: userId,
      organizations: { mode: "all", allowlist: [] },
    });
    const orgId = await invitedOrgEnforcing(
      db,
      c.get("issuer").id,
      state.invitationToken ?? "",
      now,
    );
    return orgId ? requireMfa(joining, `organization:${orgId}`) : joining;
  }
  const client = await c.get("clients")(state.request.clientId);
  const organizations = client?.settings.organizations ?? { mode: "all" as const, allowlist: [] };
  return loadSignInPolicy(db, c.get("issuer"), state.request, { id: userId, organizations });
}

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
  if (open.state.pendingLink) {
    open = { ...open, state: await linkAfterProof(c, open.state, user, now) };
  }
  const { request } = open.state;
  const db = createDb(c.env.DB);
  const [policy, factors] = await Promise.all([
    policyFor(c, open.state, user.id, now),
    activeSecondFactors(db, c.get("issuer").id, user.id),
  ]);
  const step = signInStep(policy, {
    amr,
    enrolled: factors.map((f) => f.type) as never[],
    // A user with no email address has none to verify (docs/decisions/signup.md).
    emailVerified: !user.profile.email || user.profile.email_verified === true,
  });
  if (step === "done") {
    if (policy.passkeys && (await shouldOfferPasskey(c, open.state, user, amr))) {
      return offerPasskey(c, open, user, amr, now);
    }
    return finishSignIn(c, complete, open, user, amr, now);
  }
  if (step === "cannot_comply") {
    // A device's sign-in has no redirect to carry the error: the page says it (RFC 8628 §3.3).
    if (!request || request.device)
      throw new PageError(
        403,
        (t) => t.signIn.cannotComplyTitle,
        (t) => t.signIn.cannotComply,
      );
    const description = "multi-factor sign-in is required but no second factor can be used";
    return sendAuthorizationAnswer(
      c,
      authorizationError(request, c.get("issuerUrl"), "access_denied", description),
      303,
    );
  }
  if (step === "verify_email") return askEmailVerification(c, open, user, amr, now);
  const next: Interaction = { ...open.state, userId: user.id, amr };
  if (step === "second_factor") {
    const id = await advanceInteraction(c, open.id, { ...next, step }, open.csrf, now);
    const backup = factors.some((f) => f.type === "backup_codes");
    const shown = { id, csrf: open.csrf, backupCodes: backup, error: null };
    return showSecondFactor(c, shown, 200, request?.redirectUri);
  }
  const totp = policy.secondFactors.includes("totp_app");
  return startEnrollment(c, { ...open, state: next }, user, now, totp);
}
