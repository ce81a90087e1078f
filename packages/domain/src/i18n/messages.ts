import { de } from "./de/index.ts";
import { en } from "./en/index.ts";
import { fr } from "./fr/index.ts";
import type { Locale } from "./locale.ts";

/** The shape of every catalogue: the English one is the reference. */
export type Messages = typeof en;

const CATALOGUES: Record<Locale, Messages> = { en, fr, de };

/** The message catalogue of `locale`, namespaced by area (`signIn`, `common`, ...). */
export function messages(locale: Locale): Messages {
  return CATALOGUES[locale];
}
