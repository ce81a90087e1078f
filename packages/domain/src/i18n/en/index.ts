import { common } from "./common.ts";
import { mail } from "./mail.ts";
import { signIn } from "./sign-in.ts";

/** The English catalogue: the reference shape every other language matches. */
export const en = {
  common,
  mail,
  signIn,
};
