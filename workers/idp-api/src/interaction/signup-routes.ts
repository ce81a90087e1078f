import { Hono } from "hono";
import { loadIssuer } from "../middleware/issuer.ts";
import { pageSecurity } from "../middleware/page-security.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { signInForm, signupForm, signupStep } from "./signup.ts";
import { resendStep, verifyCodeStep, verifyLinkStep } from "./verify-email.ts";

/** Signup and email verification (docs/signup.md). */
export function signupRoutes(complete: CompleteAuthorization) {
  return new Hono<PageEnv>()
    .get("/login", loadIssuer, pageSecurity, (c) => signInForm(c))
    .get("/signup", loadIssuer, pageSecurity, (c) => signupForm(c))
    .post("/signup", loadIssuer, pageSecurity, (c) => signupStep(c, complete))
    .get("/verify-email", loadIssuer, pageSecurity, (c) => verifyLinkStep(c, complete))
    .post("/verify-email", loadIssuer, pageSecurity, (c) => verifyCodeStep(c, complete))
    .post("/verify-email/resend", loadIssuer, pageSecurity, (c) => resendStep(c));
}
