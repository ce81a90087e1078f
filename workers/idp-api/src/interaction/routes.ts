import { Hono } from "hono";
import { loadIssuer } from "../middleware/issuer.ts";
import { pageSecurity } from "../middleware/page-security.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { emailSignInRoutes } from "./email-sign-in.ts";
import { enrolledStep, enrollStep } from "./enrollment.ts";
import { ssoStep } from "./enterprise-sso.ts";
import { invitationRoutes } from "./invitation.ts";
import { passkeyEnrollStep, passkeySignInStep } from "./passkey.ts";
import { passkeyOfferStep, skipPasskeyOfferStep } from "./passkey-offer.ts";
import { passwordStep } from "./password.ts";
import { passwordResetRoutes } from "./password-reset.ts";
import { accountRoutes } from "./portal/account-routes.ts";
import { secondFactorStep } from "./second-factor.ts";
import { signupRoutes } from "./signup-routes.ts";
import { postedCallback, upstreamCallback } from "./upstream-callback.ts";
import { startUpstreamStep } from "./upstream-start.ts";

/** The sign-in wing's endpoints; `complete` is the protocol side's answer to a signed-in user. */
export function signInRoutes(complete: CompleteAuthorization) {
  return new Hono<PageEnv>()
    .post("/login", loadIssuer, pageSecurity, (c) => passwordStep(c, complete))
    .post("/login/second-factor", loadIssuer, pageSecurity, (c) => secondFactorStep(c, complete))
    .post("/login/passkey", loadIssuer, pageSecurity, (c) => passkeySignInStep(c, complete))
    .post("/login/enroll", loadIssuer, pageSecurity, (c) => enrollStep(c))
    .post("/login/enroll/passkey", loadIssuer, pageSecurity, (c) => passkeyEnrollStep(c, complete))
    .post("/login/continue", loadIssuer, pageSecurity, (c) => enrolledStep(c, complete))
    .post("/login/passkey-offer", loadIssuer, pageSecurity, (c) => passkeyOfferStep(c, complete))
    .post("/login/passkey-offer/skip", loadIssuer, pageSecurity, (c) =>
      skipPasskeyOfferStep(c, complete),
    )
    .post("/login/upstream", loadIssuer, pageSecurity, (c) => startUpstreamStep(c))
    .post("/login/sso", loadIssuer, pageSecurity, (c) => ssoStep(c))
    .get("/upstream/callback", loadIssuer, pageSecurity, (c) => upstreamCallback(c, complete))
    .post("/upstream/callback", loadIssuer, pageSecurity, (c) => postedCallback(c))
    .route("/", invitationRoutes(complete))
    .route("/", signupRoutes(complete))
    .route("/", passwordResetRoutes)
    .route("/", emailSignInRoutes(complete))
    .route("/", accountRoutes);
}
