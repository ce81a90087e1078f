import { Hono } from "hono";
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

export const app = new Hono<AppEnv>();

app.use(requestContext);
app.use(pageLocale);
app.use(strictTransportSecurity);

app.use("*", limitBody);
app.use("/:issuer_id/login/*", relayEvents);
app.use("/:issuer_id/upstream/*", relayEvents);
app.use("/:issuer_id/logout", relayEvents);
app.use("/:issuer_id/signup", relayEvents);
app.use("/:issuer_id/consent", relayEvents);
app.use("/:issuer_id/device/*", relayEvents);
app.use("/:issuer_id/verify-email/*", relayEvents);
app.use("/:issuer_id/verify-email", relayEvents);
app.use("/:issuer_id/invitations/*", relayEvents);
app.use("/:issuer_id/forgot-password/*", relayEvents);
app.use("/:issuer_id/account/*", relayEvents);
app.use("/:issuer_id/register", relayEvents);
app.use("/:issuer_id/register/*", relayEvents);
app.route("/", healthz);
app.route("/", assetRoutes);
app.route("/:issuer_id", discovery);
app.route("/:issuer_id", jwks);
// A device's sign-in ends at its confirmation, which is also its consent (RFC 8628 §3.3).
const complete = withDevice(withConsent(respondToAuthorization));
app.route("/:issuer_id", authorizeRoutes(complete));
app.route("/:issuer_id", signInRoutes(complete));
app.route("/:issuer_id", consentRoutes(respondToAuthorization));
app.route("/:issuer_id", deviceEntryRoutes(complete));
app.route("/:issuer_id", deviceConfirmRoutes);
app.route("/:issuer_id", token);
app.route("/:issuer_id", par);
app.route("/:issuer_id", deviceAuthorization);
app.route("/:issuer_id", register);
app.route("/:issuer_id", tokenManagement);
app.route("/:issuer_id", userinfo);
app.route("/:issuer_id", logoutRoute);
app.notFound(notFoundOrMethodNotAllowed(app));
app.onError(renderError);
