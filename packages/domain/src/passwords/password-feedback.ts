import * as german from "@zxcvbn-ts/language-de";
import * as english from "@zxcvbn-ts/language-en";
import * as french from "@zxcvbn-ts/language-fr";
import type { Locale } from "../i18n/locale.ts";

type Texts = { warnings: Record<string, string>; suggestions: Record<string, string> };

/** The library's own translations; a key a language lacks falls back to English. */
const TRANSLATIONS: Record<Locale, Texts> = {
  en: english.translations,
  fr: french.translations,
  de: german.translations,
};

/** The library's feedback keys in `locale`'s words (unknown keys are dropped). */
export function translateFeedback(
  locale: Locale,
  feedback: { warning: string | null; suggestions: readonly string[] },
): { warning: string | null; suggestions: string[] } {
  const texts = TRANSLATIONS[locale];
  const word = (kind: keyof Texts, key: string) =>
    texts[kind][key] ?? TRANSLATIONS.en[kind][key] ?? null;
  return {
    warning: feedback.warning ? word("warnings", feedback.warning) : null,
    suggestions: feedback.suggestions
      .map((key) => word("suggestions", key))
      .filter((text): text is string => text !== null),
  };
}
