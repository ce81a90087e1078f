import { createDb } from "@authpi/domain/db";
import { hasPasskey } from "@authpi/domain/passkeys";
import { getUser, type UserRow } from "@authpi/domain/users";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { PageError } from "../errors.ts";
import { allowFormTargets } from "../middleware/page-security.ts";
import { mutationContext } from "../mutation-context.ts";
import { formBody } from "../request-params.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { dismissPasskeyOffer, passkeyOfferDismissed } from "./cookies.ts";
import { continueSignIn, type OpenStep } from "./next-step.ts";
import { pageFrame } from "./page-frame.ts";
import { passkeyOfferPage } from "./pages/passkey-offer-page.ts";
import { passkeyRegistration, passkeysUsable } from "./passkey-options.ts";
import { registerPostedPasskey } from "./posted-passkey.ts";
import { advanceInteraction, type Interaction, openInteraction } from "./state.ts";

/**
 * Whether a finished sign-in offers to add a passkey (docs/decisions/sign-in.md): once per
 * sign-in, after a password, to a user with none, on a device whose browser found a platform
 * authenticator, unless this browser said "Not now" in the last 30 days.
 */
export async function shouldOfferPasskey(
  c: Context<PageEnv>,
  state: Interaction,
  user: UserRow,
  amr: string[],
): Promise<boolean> {
  if (!state.request || !state.passkeyCapable || state.passkeyOffered) return false;
  if (passkeyOfferDismissed(c)) return false;
  if (!amr.includes("pwd") || amr.includes("hwk") || amr.includes("swk")) return false;
  if (await hasPasskey(createDb(c.env.DB), c.get("issuer").id, user.id)) return false;
  return passkeysUsable(c);
}

async function showOffer(
  c: Context<PageEnv>,
  p: { id: string; csrf: string; state: Interaction; error: string | null },
  status: ContentfulStatusCode = 200,
) {
  const { userId, request } = p.state;
  if (!userId || !request) throw expired();
  const action = `/${c.get("issuer").id}/login/passkey-offer`;
  const passkey = await passkeyRegistration(c, p, userId, c.get("now"), action);
  if (!passkey) throw expired();
  allowFormTargets(c, [request.redirectUri]);
  const page = passkeyOfferPage({
    frame: pageFrame(c),
    skipAction: `${action}/skip`,
    requestId: p.id,
    csrfToken: p.csrf,
    error: p.error,
    passkey,
  });
  return c.html(page, status);
}

/** Parks the finished sign-in at the offer and shows it. */
export async function offerPasskey(
  c: Context<PageEnv>,
  open: OpenStep,
  user: UserRow,
  amr: string[],
  now: number,
) {
  const state: Interaction = {
    ...open.state,
    step: "passkey_offer",
    userId: user.id,
    amr,
    passkeyOffered: true,
  };
  const id = await advanceInteraction(c, open.id, state, open.csrf, now);
  return showOffer(c, { id, csrf: open.csrf, state, error: null });
}

function expired() {
  return new PageError(
    400,
    (t) => t.common.expiredTitle,
    (t) => t.common.expired,
  );
}

async function openOffer(c: Context<PageEnv>) {
  const form = await formBody(c.req);
  const open = await openInteraction(c, form, c.get("now"));
  if (open.state.step !== "passkey_offer" || !open.state.userId) throw expired();
  return { form, open, userId: open.state.userId };
}

/** "Add a passkey" on the offer: the new passkey is stored, then the sign-in goes on to the client. */
export async function passkeyOfferStep(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const now = c.get("now");
  const { form, open, userId } = await openOffer(c);
  const refused = () =>
    showOffer(c, { ...open, error: c.get("t").signIn.passkeyRegisterRefused }, 400);
  const ctx = mutationContext(c, c.get("issuer").accountId, { type: "user", id: userId }, now);
  const registered = await registerPostedPasskey(c, ctx, userId, form);
  if (!registered) return refused();
  const user = await getUser(createDb(c.env.DB), c.get("issuer").id, userId);
  return continueSignIn(c, complete, open, user, open.state.amr ?? ["pwd"], now);
}

/** "Not now": remembered in this browser for 30 days, then the sign-in goes on to the client. */
export async function skipPasskeyOfferStep(c: Context<PageEnv>, complete: CompleteAuthorization) {
  const { open, userId } = await openOffer(c);
  dismissPasskeyOffer(c, c.get("issuer").id);
  const user = await getUser(createDb(c.env.DB), c.get("issuer").id, userId);
  return continueSignIn(c, complete, open, user, open.state.amr ?? ["pwd"], c.get("now"));
}
