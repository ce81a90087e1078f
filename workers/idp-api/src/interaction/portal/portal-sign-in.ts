import { sha256Base64Url } from "@authpi/domain/crypto";
import {
  ACCOUNT_CLIENT_ID,
  accountCallbackUrl,
  openPortalSignIn,
  redeemPortalCode,
  sealPortalSession,
  startPortalSignIn,
} from "@authpi/domain/portal";
import type { Context } from "hono";
import { PageError } from "../../errors.ts";
import { issuerStore } from "../../store.ts";
import type { PageEnv } from "../contract.ts";
import {
  clearSignInCookie,
  readSignInCookie,
  setPortalCookie,
  setSignInCookie,
} from "./portal-cookies.ts";

/**
 * Sends the browser through the normal hosted sign-in as the portal's reserved client
 * (authorization code + PKCE, RFC 7636). A step-up asks for a new sign-in now
 * (`prompt=login`, `max_age=0`, OIDC Core §3.1.2.1), with every factor the user has.
 */
export async function startAccountSignIn(c: Context<PageEnv>, stepUp: boolean) {
  const key = c.env.KEY_ENCRYPTION_SECRET;
  const { signIn, cookie } = await startPortalSignIn(key, c.get("issuer").id, c.get("now"));
  setSignInCookie(c, c.get("issuer").id, cookie);
  const params = new URLSearchParams({
    client_id: ACCOUNT_CLIENT_ID,
    redirect_uri: accountCallbackUrl(c.get("issuerUrl")),
    response_type: "code",
    scope: "openid",
    state: signIn.state,
    code_challenge: await sha256Base64Url(signIn.verifier),
    code_challenge_method: "S256",
    ui_locales: c.get("locale"),
  });
  if (stepUp) {
    params.set("prompt", "login");
    params.set("max_age", "0");
  }
  return c.redirect(`/${c.get("issuer").id}/authorize?${params}`, 302);
}

const refused = () =>
  new PageError(
    400,
    (t) => t.account.signInFailedTitle,
    (t) => t.account.signInFailed,
  );

/**
 * The portal's redirect URI: the code must match this browser's `state` (RFC 6749 §10.12) and
 * PKCE verifier; it opens a portal session bound to the op session it was issued from.
 */
export async function accountCallback(c: Context<PageEnv>) {
  const issuerId = c.get("issuer").id;
  const now = c.get("now");
  const key = c.env.KEY_ENCRYPTION_SECRET;
  const state = c.req.query("state") ?? "";
  const signIn = await openPortalSignIn(key, issuerId, readSignInCookie(c), state, now);
  clearSignInCookie(c, issuerId);
  if (!signIn || c.req.query("error") !== undefined) throw refused();
  const grant = await redeemPortalCode(
    issuerStore(c.env, issuerId),
    c.req.query("code") ?? "",
    { redirectUri: accountCallbackUrl(c.get("issuerUrl")), verifier: signIn.verifier },
    now,
  );
  if (!grant) throw refused();
  const sealed = await sealPortalSession(
    key,
    {
      sid: grant.sessionId,
      sub: grant.userId,
      issuerId,
      authTime: grant.authTime,
      amr: grant.amr ?? [],
    },
    now,
  );
  setPortalCookie(c, issuerId, sealed);
  return c.redirect(`/${issuerId}/account`, 302);
}
