import type { Context } from "hono";
import { PageError } from "../errors.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { passwordEnabled, showIdentify } from "./identify.ts";
import { continueSignIn } from "./next-step.ts";
import { refusedSignIn, signInWithPassword } from "./password-check.ts";
import { openInteraction } from "./state.ts";

/**
 * The password step (the sign-in form's POST): the pending interaction must exist and pass
 * its CSRF check; a wrong password shows the form again with the reason.
 */
export async function passwordStep(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const now = c.get("now");
  const form = await formBody(c.req);
  const { id, state, csrf } = await openInteraction(c, form, now);
  const { request } = state;
  if (state.step !== "identify" || !request) {
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.common.expired,
    );
  }
  const username = form.get("username") ?? "";
  if (!(await passwordEnabled(c, request))) {
    return showIdentify(
      c,
      { id, csrf, request, username, error: c.get("t").signIn.noMethods },
      403,
    );
  }
  const ctx = mutationContext(c, c.get("issuer").accountId, { type: "system", id: null }, now);
  const password = form.get("password") ?? "";
  const outcome = await signInWithPassword(c, ctx, username, password, request.clientId);
  if (outcome.status !== "ok") {
    const refused = refusedSignIn(c, outcome, c.get("t").signIn.invalidCredentials, now);
    const shown = { id, csrf, request, username, error: refused.message };
    return showIdentify(c, shown, refused.status);
  }
  // The page's script says whether this device can make a passkey (the offer after sign-in).
  const next = { ...state, passkeyCapable: form.get("passkey_capable") === "1" };
  return continueSignIn(c, complete, { id, state: next, csrf }, outcome.user, ["pwd"], now);
}
