import type { en } from "../en/index.ts";
import { common } from "./common.ts";
import { emailSignIn } from "./email-sign-in.ts";
import { reset } from "./reset.ts";
import { signIn } from "./sign-in.ts";

/** The French catalogue. */
export const fr: typeof en = {
  common,
  signIn,
  reset,
  emailSignIn,
};
