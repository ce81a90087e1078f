import { common } from "./common.ts";
import { emailSignIn } from "./email-sign-in.ts";
import { reset } from "./reset.ts";
import { signIn } from "./sign-in.ts";

/** The English catalogue: the reference shape every other language matches. */
export const en = {
  common,
  signIn,
  reset,
  emailSignIn,
};
