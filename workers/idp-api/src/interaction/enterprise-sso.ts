import { createDb } from "@authpi/domain/db";
import { findHomeRealm } from "@authpi/domain/organizations";
import { ADAPTERS, resolveConnection, UpstreamError } from "@authpi/domain/upstream";
import type { Context } from "hono";
import { PageError } from "../errors.ts";
import { formBody } from "../request-params.ts";
import type { PageEnv } from "./contract.ts";
import { showIdentify } from "./identify.ts";
import { pageFrame } from "./page-frame.ts";
import { ssoRedirectPage } from "./pages/sso-redirect-page.ts";
import { openInteraction } from "./state.ts";
import { saveAttempt } from "./upstream-attempt.ts";

/**
 * "Continue with single sign-on" (`POST /{issuer}/login/sso`, the login form's email): home-realm
 * discovery finds the organization whose verified domain the email is in, and the browser goes
 * to that organization's IdP through the upstream flow, with the email as `login_hint`
 * (OIDC Core §3.1.2.1). An email no organization claims gets the login page with the reason.
 */
export async function ssoStep(c: Context<PageEnv>) {
  const form = await formBody(c.req);
  const { id, state, csrf } = await openInteraction(c, form, c.get("now"));
  const request = state.request;
  if (state.step !== "identify" || !request) {
    throw new PageError(
      400,
      (t) => t.common.expiredTitle,
      (t) => t.common.expired,
    );
  }
  const t = c.get("t").enterpriseSso;
  const username = (form.get("username") ?? "").trim();
  const again = (error: string, status: 403 | 422 | 502) =>
    showIdentify(c, { id, csrf, request, username, error }, status);
  if (!username) return again(t.emailRequired, 422);
  const db = createDb(c.env.DB);
  const realm = await findHomeRealm(db, c.get("issuer").id, username);
  if (!realm) return again(t.noRealm, 422);
  const key = c.env.KEY_ENCRYPTION_SECRET;
  const connection = await resolveConnection(db, c.get("issuer").id, realm.orgId, key);
  if (!connection) return again(t.unavailable, 502);
  const attempt = await saveAttempt(c, { connectionId: connection.id, loginRequestId: id, csrf });
  const url = await ADAPTERS[connection.protocol]
    .authorizationUrl(connection, attempt)
    .catch((error: unknown) => {
      if (error instanceof UpstreamError) return null;
      throw error;
    });
  if (!url) return again(t.unavailable, 502);
  url.searchParams.set("login_hint", username);
  const organization = realm.orgName ?? t.yourOrganization;
  return c.html(ssoRedirectPage(pageFrame(c), { organization, url: url.href }));
}
