import type { en } from "../en/index.ts";
import { common } from "./common.ts";
import { signIn } from "./sign-in.ts";

/** The French catalogue. */
export const fr: typeof en = {
  common,
  signIn,
};
