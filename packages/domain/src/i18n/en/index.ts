import { common } from "./common.ts";
import { signIn } from "./sign-in.ts";

/** The English catalogue: the reference shape every other language matches. */
export const en = {
  common,
  signIn,
};
