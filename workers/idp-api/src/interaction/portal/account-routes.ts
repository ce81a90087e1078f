import { Hono } from "hono";
import { loadIssuer } from "../../middleware/issuer.ts";
import { pageSecurity } from "../../middleware/page-security.ts";
import type { PageEnv } from "../contract.ts";
import { showAccount } from "./account-view.ts";
import { removeApp } from "./app-changes.ts";
import { confirmEmailCode, confirmEmailLink, startEmailChange } from "./email-changes.ts";
import { confirmTotp, newBackupCodes, removeTotp, startTotp } from "./factor-changes.ts";
import { removeIdentity } from "./identity-changes.ts";
import { addPasskey, removePasskey, renamePasskey } from "./passkey-changes.ts";
import { type AccountEnv, portalEnabled, portalSignedIn, steppedUp } from "./portal-guard.ts";
import { accountCallback, startAccountSignIn } from "./portal-sign-in.ts";
import { changePassword, changeProfile } from "./profile-changes.ts";
import { endOthers, endSession } from "./session-changes.ts";

const signedIn = new Hono<AccountEnv>()
  .use(portalSignedIn)
  .get("/", (c) => showAccount(c))
  .post("/profile", changeProfile)
  .post("/apps/remove", removeApp)
  .post("/identities/remove", removeIdentity)
  .post("/password", steppedUp, changePassword)
  .post("/email", steppedUp, startEmailChange)
  .post("/email/code", steppedUp, confirmEmailCode)
  .post("/totp", steppedUp, startTotp)
  .post("/totp/confirm", steppedUp, confirmTotp)
  .post("/totp/remove", steppedUp, removeTotp)
  .post("/backup-codes", steppedUp, newBackupCodes)
  .post("/passkeys", steppedUp, addPasskey)
  .post("/passkeys/rename", steppedUp, renamePasskey)
  .post("/passkeys/remove", steppedUp, removePasskey)
  .post("/sessions/end", steppedUp, endSession)
  .post("/sessions/end-others", steppedUp, endOthers);

/**
 * The user portal at `{issuer_url}/account` (docs/portal.md): signed in through the hosted
 * sign-in as the reserved first-party client, sensitive changes after a fresh sign-in.
 */
export const accountRoutes = new Hono<PageEnv>()
  .use("/account", loadIssuer, pageSecurity, portalEnabled)
  .use("/account/*", loadIssuer, pageSecurity, portalEnabled)
  .get("/account/sign-in", (c) => startAccountSignIn(c, c.req.query("step_up") === "1"))
  .get("/account/callback", accountCallback)
  .get("/account/email/confirm", confirmEmailLink)
  .route("/account", signedIn as unknown as Hono<PageEnv>);
