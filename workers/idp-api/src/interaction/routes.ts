import { Hono } from "hono";
import { loadIssuer } from "../middleware/issuer.ts";
import { pageSecurity } from "../pages/security-headers.ts";
import type { CompleteAuthorization, PageEnv } from "./contract.ts";
import { invitations } from "./invitation.ts";
import { passwordStep } from "./password.ts";

/** The sign-in wing's endpoints; `complete` is the protocol side's answer to a signed-in user. */
export function signInRoutes(complete: CompleteAuthorization) {
  return new Hono<PageEnv>()
    .post("/login", loadIssuer, pageSecurity, (c) => passwordStep(c, complete))
    .route("/", invitations);
}
