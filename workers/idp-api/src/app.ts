import { Hono } from "hono";
import { RegExpRouter } from "hono/router/reg-exp-router";
import { respondToAuthorization } from "./authorization-response.ts";
import type { AppEnv } from "./env.ts";
import { renderError } from "./errors.ts";
import { assetRoutes } from "./interaction/assets/asset-routes.ts";
import {
  consentRoutes,
  deviceConfirmRoutes,
  deviceEntryRoutes,
  signInRoutes,
  withConsent,
  withDevice,
} from "./interaction/index.ts";
import { notFoundOrMethodNotAllowed } from "./method-not-allowed.ts";
import { limitBody } from "./middleware/body-limit.ts";
import { pageLocale } from "./middleware/page-locale.ts";
import { relayEvents } from "./middleware/relay-events.ts";
import { requestContext } from "./middleware/request-context.ts";
import { strictTransportSecurity } from "./middleware/strict-transport-security.ts";
import { authorizeRoutes } from "./routes/authorize.ts";
import { deviceAuthorization } from "./routes/device-authorization.ts";
import { discovery } from "./routes/discovery.ts";
import { healthz } from "./routes/healthz.ts";
import { jwks } from "./routes/jwks.ts";
import { logoutRoute } from "./routes/logout.ts";
import { par } from "./routes/par.ts";
import { register } from "./routes/register.ts";
import { token } from "./routes/token.ts";
import { tokenManagement } from "./routes/token-management.ts";
import { userinfo } from "./routes/userinfo.ts";

/** What every request passes, whichever app serves it. */
function withRequestBasics(h: Hono<AppEnv>): Hono<AppEnv> {
  h.use(requestContext);
  h.use(pageLocale);
  h.use(strictTransportSecurity);
  h.use("*", limitBody);
  return h;
}

/** The two paths outside any issuer: the health check and the hosted pages' scripts. */
const root = withRequestBasics(new Hono<AppEnv>());
root.route("/", healthz);
root.route("/", assetRoutes);
root.notFound(notFoundOrMethodNotAllowed(root));
root.onError(renderError);

/**
 * Everything under `/{issuer_id}`. Alone, these routes fit Hono's RegExpRouter (one regular
 * expression per method); a static `/healthz` beside `/:issuer_id/…` does not, and made Hono fall
 * back to its trie router, a fifth of userinfo's isolate time (docs/decisions/token-paths.md).
 * Naming the router makes a route it cannot take fail every test instead of slowing down.
 */
export const issuerApp = withRequestBasics(new Hono<AppEnv>({ router: new RegExpRouter() }));

issuerApp.use("/:issuer_id/login/*", relayEvents);
issuerApp.use("/:issuer_id/upstream/*", relayEvents);
issuerApp.use("/:issuer_id/logout", relayEvents);
issuerApp.use("/:issuer_id/signup", relayEvents);
issuerApp.use("/:issuer_id/consent", relayEvents);
issuerApp.use("/:issuer_id/device/*", relayEvents);
issuerApp.use("/:issuer_id/verify-email/*", relayEvents);
issuerApp.use("/:issuer_id/verify-email", relayEvents);
issuerApp.use("/:issuer_id/invitations/*", relayEvents);
issuerApp.use("/:issuer_id/forgot-password/*", relayEvents);
issuerApp.use("/:issuer_id/account/*", relayEvents);
issuerApp.use("/:issuer_id/register", relayEvents);
issuerApp.use("/:issuer_id/register/*", relayEvents);
issuerApp.route("/:issuer_id", discovery);
issuerApp.route("/:issuer_id", jwks);
// A device's sign-in ends at its confirmation, which is also its consent (RFC 8628 §3.3).
const complete = withDevice(withConsent(respondToAuthorization));
issuerApp.route("/:issuer_id", authorizeRoutes(complete));
issuerApp.route("/:issuer_id", signInRoutes(complete));
issuerApp.route("/:issuer_id", consentRoutes(respondToAuthorization));
issuerApp.route("/:issuer_id", deviceEntryRoutes(complete));
issuerApp.route("/:issuer_id", deviceConfirmRoutes);
issuerApp.route("/:issuer_id", token);
issuerApp.route("/:issuer_id", par);
issuerApp.route("/:issuer_id", deviceAuthorization);
issuerApp.route("/:issuer_id", register);
issuerApp.route("/:issuer_id", tokenManagement);
issuerApp.route("/:issuer_id", userinfo);
issuerApp.route("/:issuer_id", logoutRoute);
issuerApp.notFound(notFoundOrMethodNotAllowed(issuerApp));
issuerApp.onError(renderError);

const ROOT_PATH = /^[a-z]+:\/\/[^/]+\/(?:healthz|assets\/)/;

/** The IdP worker's HTTP entry: the root paths to their app, the rest to the issuers' app. */
export const app = {
  fetch(
    request: Request,
    env: AppEnv["Bindings"],
    ctx?: ExecutionContext,
  ): Response | Promise<Response> {
    return (ROOT_PATH.test(request.url) ? root : issuerApp).fetch(request, env, ctx);
  },
};
