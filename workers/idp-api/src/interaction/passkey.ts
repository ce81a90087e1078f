import { createDb } from "@authpi/domain/db";
import { ssoOnlyRealm } from "@authpi/domain/organizations";
import {
  AuthenticationResponse,
  passkeyAmr,
  passkeyCredentialOf,
  signInWithPasskey,
} from "@authpi/domain/passkeys";
import { getUser } from "@authpi/domain/users";
import type { Context } from "hono";
import { PageError } from "../errors.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import { issuerStore } from "../store.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { showEnroll } from "./enrollment.ts";
import { showIdentify } from "./identify.ts";
import { continueSignIn } from "./next-step.ts";
import { passkeyDeps } from "./passkey-deps.ts";
import { passkeysEnabled } from "./passkey-options.ts";
import { parsedResponse, registerPostedPasskey } from "./posted-passkey.ts";
import { openInteraction } from "./state.ts";

/**
 * Sign-in with a passkey (usernameless: the credential names the user). A passkey with user
 * verification is both factors (`mfa`); without, the policy may still ask for a second one.
 */
export async function passkeySignInStep(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const now = c.get("now");
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, now);
  const { id, state, csrf } = open;
  const request = state.request;
  if (state.step !== "identify" || !request || !(await passkeysEnabled(c, state))) {
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.common.expired,
    );
  }
  const refused = (error = c.get("t").signIn.passkeyRefused, status: 401 | 403 = 401) =>
    showIdentify(c, { id, csrf, request, username: "", error }, status);
  const response = AuthenticationResponse.safeParse(parsedResponse(form));
  if (!response.success) return refused();
  const ctx = mutationContext(c, c.get("issuer").accountId, { type: "system", id: null }, now);
  const result = await signInWithPasskey(
    {
      ...(await passkeyDeps(c)),
      store: issuerStore(c.env, c.get("issuer").id),
      ctx,
      clientId: request.clientId,
    },
    response.data,
  );
  if (result.status === "locked") return refused(c.get("t").signIn.locked, 403);
  if (result.status !== "ok") return refused();
  const user = await getUser(createDb(c.env.DB), c.get("issuer").id, result.userId).catch(
    () => null,
  );
  if (user?.status !== "active") return refused();
  const realm = await ssoOnlyRealm(createDb(c.env.DB), c.get("issuer").id, user.username);
  if (realm) {
    const organization = realm.orgName ?? c.get("t").enterpriseSso.yourOrganization;
    return refused(c.get("t").enterpriseSso.required({ organization }), 403);
  }
  const amr = passkeyAmr(passkeyCredentialOf(result.verifier).device_type, result.userVerified);
  return continueSignIn(c, complete, open, user, amr, now);
}

/**
 * Enrollment with a passkey instead of an app: the attestation proves the user holds the new
 * authenticator now, a second factor next to the password (`mfa`).
 */
export async function passkeyEnrollStep(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const now = c.get("now");
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, now);
  const { state } = open;
  if (state.step !== "enroll" || !state.userId || !(await passkeysEnabled(c, state))) {
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.common.expired,
    );
  }
  const refused = () =>
    showEnroll(c, { ...open, error: c.get("t").signIn.passkeyRegisterRefused }, 400);
  const ctx = mutationContext(
    c,
    c.get("issuer").accountId,
    { type: "user", id: state.userId },
    now,
  );
  const registered = await registerPostedPasskey(c, ctx, state.userId, form);
  if (!registered) return refused();
  const user = await getUser(createDb(c.env.DB), c.get("issuer").id, state.userId);
  const key = passkeyAmr(passkeyCredentialOf(registered).device_type, false);
  const amr = [...new Set([...(state.amr ?? []), ...key, "mfa"])];
  // The policy decides what is left (email verification may be).
  return continueSignIn(c, complete, open, user, amr, now);
}
