import type { en } from "../en/index.ts";
import { common } from "./common.ts";
import { signIn } from "./sign-in.ts";

/** The German catalogue. */
export const de: typeof en = {
  common,
  signIn,
};
