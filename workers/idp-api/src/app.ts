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

/** What every request passes, whichever app serves it (pages also pick their language). */
function withRequestBasics(h: Hono<AppEnv>, pages: boolean): Hono<AppEnv> {
  h.use(requestContext);
  if (pages) h.use(pageLocale);
  h.use("*", limitBody);
  return h;
}

/** The two paths outside any issuer: the health check and the hosted pages' scripts. */
const root = withRequestBasics(new Hono<AppEnv>(), false);
root.route("/", healthz);
root.route("/", assetRoutes);
root.notFound(notFoundOrMethodNotAllowed(root));
root.onError(renderError);

/**
 * The endpoints under `/{issuer_id}` that answer machines in JSON (or a JWT) and never show a
 * page. They have their own app: its router matches among a handful of routes rather than every
 * page's, and it skips the page language (an error renders in English); together a tenth of a
 * token request's isolate time (docs/decisions/token-paths.md).
 */
const MACHINE_PATH =
  /^[a-z]+:\/\/[^/]+\/[^/?#]+\/(?:token|introspect|revoke|userinfo|jwks\.json|par|device_authorization|register(?:\/[^/?#]+)?|\.well-known\/[a-z-]+)(?:[?#]|$)/;

/**
 * Each issuer app fits Hono's RegExpRouter (one regular expression per method); a static
 * `/healthz` beside `/:issuer_id/…` does not, and made Hono fall back to its trie router, a fifth
 * of userinfo's isolate time (docs/decisions/token-paths.md). Naming the router makes a route it
 * cannot take fail every test instead of slowing down.
 */
export const machineApp = withRequestBasics(
  new Hono<AppEnv>({ router: new RegExpRouter() }),
  false,
);
machineApp.use("/:issuer_id/register", relayEvents);
machineApp.use("/:issuer_id/register/*", relayEvents);
machineApp.route("/:issuer_id", discovery);
machineApp.route("/:issuer_id", jwks);
machineApp.route("/:issuer_id", token);
machineApp.route("/:issuer_id", par);
machineApp.route("/:issuer_id", deviceAuthorization);
machineApp.route("/:issuer_id", register);
machineApp.route("/:issuer_id", tokenManagement);
machineApp.route("/:issuer_id", userinfo);
machineApp.notFound(notFoundOrMethodNotAllowed(machineApp));
machineApp.onError(renderError);

/** Everything else under `/{issuer_id}`: authorization, the hosted pages, logout. */
export const issuerApp = withRequestBasics(new Hono<AppEnv>({ router: new RegExpRouter() }), true);

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
// A device's sign-in ends at its confirmation, which is also its consent (RFC 8628 §3.3).
const complete = withDevice(withConsent(respondToAuthorization));
issuerApp.route("/:issuer_id", authorizeRoutes(complete));
issuerApp.route("/:issuer_id", signInRoutes(complete));
issuerApp.route("/:issuer_id", consentRoutes(respondToAuthorization));
issuerApp.route("/:issuer_id", deviceEntryRoutes(complete));
issuerApp.route("/:issuer_id", deviceConfirmRoutes);
issuerApp.route("/:issuer_id", logoutRoute);
issuerApp.notFound(notFoundOrMethodNotAllowed(issuerApp));
issuerApp.onError(renderError);

const ROOT_PATH = /^[a-z]+:\/\/[^/]+\/(?:healthz|assets\/)/;

/** The IdP worker's HTTP entry: the root paths, the issuers' machine endpoints, then the rest. */
export const app = {
  fetch(
    request: Request,
    env: AppEnv["Bindings"],
    ctx?: ExecutionContext,
  ): Response | Promise<Response> {
    const url = request.url;
    const serving = ROOT_PATH.test(url) ? root : MACHINE_PATH.test(url) ? machineApp : issuerApp;
    return serving.fetch(request, env, ctx);
  },
};
