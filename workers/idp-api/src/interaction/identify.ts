import { createDb } from "@authpi/domain/db";
import { issuerSettings } from "@authpi/domain/issuers";
import { loadSignInPolicy } from "@authpi/domain/login";
import type { AuthorizeRequest } from "@authpi/domain/oauth";
import { issuerHasSso } from "@authpi/domain/organizations";
import { signupPolicy } from "@authpi/domain/signup";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { allowFormTargets } from "../middleware/page-security.ts";
import type { PageEnv } from "./contract.ts";
import { ensureCsrf } from "./csrf.ts";
import { pageFrame } from "./page-frame.ts";
import { loginPage } from "./pages/login-page.ts";
import { passkeySignIn } from "./passkey-options.ts";
import { parkInteraction } from "./state.ts";
import { upstreamButtons } from "./upstream-buttons.ts";

/** The first step of a sign-in: park the validated request and ask who is signing in. */
export async function startSignIn(c: Context<PageEnv>, request: AuthorizeRequest, now: number) {
  const csrf = ensureCsrf(c, c.get("issuer").id);
  const id = await parkInteraction(c, { request, step: "identify" }, csrf, now);
  return showIdentify(c, { id, csrf, request, username: request.loginHint ?? "", error: null });
}

/** Where "Create an account" leads: the hosted signup of this interaction, the issuer's own page, or nowhere. */
function signupLink(c: Context<PageEnv>, requestId: string): string | null {
  const policy = signupPolicy(issuerSettings(c.get("issuer").settings));
  if (policy.externalUrl) return policy.externalUrl;
  return policy.hosted
    ? `/${c.get("issuer").id}/signup?${new URLSearchParams({ request_id: requestId })}`
    : null;
}

/** Whether the issuer has password sign-in enabled (the page offers only enabled methods). */
export async function passwordEnabled(c: Context<PageEnv>, request: AuthorizeRequest) {
  return (await firstFactors(c, request)).includes("password");
}

/** Whether the issuer has email sign-in (`email-link`) enabled. */
export async function emailSignInEnabled(c: Context<PageEnv>, request: AuthorizeRequest) {
  return (await firstFactors(c, request)).includes("email-link");
}

async function firstFactors(c: Context<PageEnv>, request: AuthorizeRequest) {
  const policy = await loadSignInPolicy(createDb(c.env.DB), c.get("issuer"), request, null);
  return policy.firstFactors;
}

/** The "Forgot password?" target: ours carrying the interaction, the issuer's own page, or none. */
export function forgotPasswordUrl(c: Context<PageEnv>, requestId: string): string | null {
  const { portals } = issuerSettings(c.get("issuer").settings);
  if (!portals.enable_password_reset) return null;
  if (portals.password_reset_page_url) return portals.password_reset_page_url;
  return `/${c.get("issuer").id}/forgot-password?${new URLSearchParams({ request_id: requestId })}`;
}

/** The sign-in form of an interaction; its POST may answer with a 303 to the client. */
export async function showIdentify(
  c: Context<PageEnv>,
  p: {
    id: string;
    csrf: string;
    request: AuthorizeRequest;
    username: string;
    error: string | null;
    notice?: string | null;
  },
  status: ContentfulStatusCode = 200,
) {
  const upstreams = await upstreamButtons(c);
  allowFormTargets(c, [p.request.redirectUri, ...upstreams.origins]);
  const client = await c.get("clients")(p.request.clientId);
  const page = loginPage({
    frame: pageFrame(c, { clientName: client?.name ?? null }),
    action: `/${c.get("issuer").id}/login`,
    requestId: p.id,
    csrfToken: p.csrf,
    username: p.username,
    error: p.error,
    password: await passwordEnabled(c, p.request),
    passkey: await passkeySignIn(c, { id: p.id, csrf: p.csrf, state: p }, c.get("now")),
    signupUrl: signupLink(c, p.id),
    emailCodeAction: (await emailSignInEnabled(c, p.request))
      ? `/${c.get("issuer").id}/login/email`
      : null,
    ssoAction: (await issuerHasSso(createDb(c.env.DB), c.get("issuer").id))
      ? `/${c.get("issuer").id}/login/sso`
      : null,
    forgotUrl: forgotPasswordUrl(c, p.id),
    notice: p.notice ?? null,
    upstreams: upstreams.buttons,
  });
  return c.html(page, status);
}
