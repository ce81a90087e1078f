import type { en } from "../en/index.ts";
import { account } from "./account.ts";
import { actingApps } from "./acting-apps.ts";
import { clientMetadata } from "./client-metadata.ts";
import { common } from "./common.ts";
import { consent } from "./consent.ts";
import { device } from "./device.ts";
import { emailSignIn } from "./email-sign-in.ts";
import { enterpriseSso } from "./enterprise-sso.ts";
import { frontChannelLogout } from "./front-channel-logout.ts";
import { mail } from "./mail.ts";
import { reset } from "./reset.ts";
import { responseMode } from "./response-mode.ts";
import { signIn } from "./sign-in.ts";
import { signup } from "./signup.ts";
import { upstream } from "./upstream.ts";
import { verification } from "./verification.ts";

/** The German catalogue. */
export const de: typeof en = {
  common,
  mail,
  signIn,
  signup,
  verification,
  reset,
  emailSignIn,
  account,
  consent,
  responseMode,
  frontChannelLogout,
  enterpriseSso,
  upstream,
  actingApps,
  device,
  clientMetadata,
};
