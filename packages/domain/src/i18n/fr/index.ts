import type { en } from "../en/index.ts";
import { common } from "./common.ts";
import { emailSignIn } from "./email-sign-in.ts";
import { reset } from "./reset.ts";
import { signIn } from "./sign-in.ts";
import { signup } from "./signup.ts";
import { verification } from "./verification.ts";

/** The French catalogue. */
export const fr: typeof en = {
  common,
  signIn,
  signup,
  verification,
  reset,
  emailSignIn,
};
