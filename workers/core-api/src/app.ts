import { Scalar } from "@scalar/hono-api-reference";
import { API_DESCRIPTION } from "./api-description.ts";
import { renderError } from "./errors.ts";
import { notFoundOrMethodNotAllowed } from "./method-not-allowed.ts";
import { accountGuard, apiKeyAuth } from "./middleware/api-key-auth.ts";
import { limitBody } from "./middleware/body-limit.ts";
import { rateLimit } from "./middleware/rate-limit.ts";
import { relayEvents } from "./middleware/relay-events.ts";
import { requestContext } from "./middleware/request-context.ts";
import { openApiApp } from "./openapi.ts";
import { accountRoutes } from "./routes/accounts.ts";
import { agentRoutes } from "./routes/agents.ts";
import { apiKeyRoutes, organizationApiKeyRoutes } from "./routes/api-keys.ts";
import { approvalRoutes } from "./routes/approvals.ts";
import { authMethodRoutes } from "./routes/auth-methods.ts";
import { bootstrapRoutes } from "./routes/bootstrap.ts";
import { clientRoutes } from "./routes/clients.ts";
import { consentRoutes } from "./routes/consents.ts";
import { creditRoutes } from "./routes/credits.ts";
import { deliveryRoutes } from "./routes/deliveries.ts";
import { domainRoutes } from "./routes/domains.ts";
import { eventRoutes } from "./routes/events.ts";
import { groupRoutes } from "./routes/groups.ts";
import { healthz } from "./routes/healthz.ts";
import { identityRoutes } from "./routes/identities.ts";
import { invitationRoutes } from "./routes/invitations.ts";
import { issuerRoutes } from "./routes/issuers.ts";
import { memberRoutes } from "./routes/members.ts";
import { noteRoutes } from "./routes/notes.ts";
import { organizationSsoRoutes } from "./routes/organization-sso.ts";
import { organizationRoutes } from "./routes/organizations.ts";
import { personalTokenRoutes } from "./routes/personal-tokens.ts";
import { redeliverRoutes } from "./routes/redeliver.ts";
import { registrationTokenRoutes } from "./routes/registration-tokens.ts";
import { scopeRoutes } from "./routes/scopes.ts";
import { sessionRoutes } from "./routes/sessions.ts";
import { signingKeyRoutes } from "./routes/signing-keys.ts";
import { tokenIntrospectionRoutes } from "./routes/token-introspection.ts";
import { trustedDeviceRoutes } from "./routes/trusted-devices.ts";
import { userVerifierRoutes } from "./routes/user-verifiers.ts";
import { userRoutes } from "./routes/users.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

export const app = openApiApp();

app.use("*", requestContext);
app.use("*", limitBody);
app.use("/v1/*", relayEvents);
app.use("/v1/accounts/:account_id/*", apiKeyAuth, accountGuard, rateLimit);
app.use("/v1/accounts/:account_id", apiKeyAuth, accountGuard, rateLimit);
app.use("/v1/accounts", apiKeyAuth, rateLimit);
app.use("/v1/me", apiKeyAuth, rateLimit);

app.route("/", healthz);
app.route("/", bootstrapRoutes);
app.route("/", accountRoutes);
app.route("/", issuerRoutes);
app.route("/", apiKeyRoutes);
app.route("/", clientRoutes);
app.route("/", userRoutes);
app.route("/", userVerifierRoutes);
app.route("/", sessionRoutes);
app.route("/", agentRoutes);
app.route("/", organizationRoutes);
app.route("/", memberRoutes);
app.route("/", organizationApiKeyRoutes);
app.route("/", invitationRoutes);
app.route("/", webhookRoutes);
app.route("/", deliveryRoutes);
app.route("/", redeliverRoutes);
app.route("/", eventRoutes);
app.route("/", scopeRoutes);
app.route("/", personalTokenRoutes);
app.route("/", tokenIntrospectionRoutes);
app.route("/", domainRoutes);
app.route("/", authMethodRoutes);
app.route("/", organizationSsoRoutes);
app.route("/", groupRoutes);
app.route("/", approvalRoutes);
app.route("/", noteRoutes);
app.route("/", creditRoutes);
app.route("/", trustedDeviceRoutes);
app.route("/", identityRoutes);
app.route("/", consentRoutes);
app.route("/", signingKeyRoutes);
app.route("/", registrationTokenRoutes);

app.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
  type: "http",
  scheme: "basic",
  description: "HTTP Basic with the API key id as username and its secret as password",
});
app.openAPIRegistry.registerComponent("securitySchemes", "bootstrapToken", {
  type: "http",
  scheme: "bearer",
});
app.doc31("/openapi.json", (c) => ({
  openapi: "3.1.0",
  info: { title: "AuthPI Edge Core API", version: "1.0.0", description: API_DESCRIPTION },
  servers: [{ url: new URL(c.req.url).origin, description: "This deployment" }],
  security: [{ apiKey: [] }],
}));
app.get("/docs", Scalar({ url: "/openapi.json", pageTitle: "AuthPI Edge Core API" }));

app.notFound(notFoundOrMethodNotAllowed(app));
app.onError(renderError);
