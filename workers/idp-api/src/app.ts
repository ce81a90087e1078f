import { Hono } from "hono";
import { respondToAuthorization } from "./authorization-response.ts";
import type { AppEnv } from "./env.ts";
import { renderError } from "./errors.ts";
import { signInRoutes } from "./interaction/index.ts";
import { notFoundOrMethodNotAllowed } from "./method-not-allowed.ts";
import { limitBody } from "./middleware/body-limit.ts";
import { relayEvents } from "./middleware/relay-events.ts";
import { requestContext } from "./middleware/request-context.ts";
import { strictTransportSecurity } from "./middleware/strict-transport-security.ts";
import { authorize } from "./routes/authorize.ts";
import { discovery } from "./routes/discovery.ts";
import { healthz } from "./routes/healthz.ts";
import { jwks } from "./routes/jwks.ts";
import { logoutRoute } from "./routes/logout.ts";
import { token } from "./routes/token.ts";
import { tokenManagement } from "./routes/token-management.ts";
import { userinfo } from "./routes/userinfo.ts";

export const app = new Hono<AppEnv>();

app.use(requestContext);
app.use(strictTransportSecurity);

app.use("*", limitBody);
app.use("/:issuer_id/login", relayEvents);
app.use("/:issuer_id/logout", relayEvents);
app.use("/:issuer_id/invitations/*", relayEvents);
app.route("/", healthz);
app.route("/:issuer_id", discovery);
app.route("/:issuer_id", jwks);
app.route("/:issuer_id", authorize);
app.route("/:issuer_id", signInRoutes(respondToAuthorization));
app.route("/:issuer_id", token);
app.route("/:issuer_id", tokenManagement);
app.route("/:issuer_id", userinfo);
app.route("/:issuer_id", logoutRoute);
app.notFound(notFoundOrMethodNotAllowed(app));
app.onError(renderError);
