import type { MailStrings } from "../i18n/en/mail.ts";
import { DEFAULT_LOCALE, isLocale, type Locale } from "../i18n/locale.ts";
import { messages } from "../i18n/messages.ts";

/** The emails' strings in `locale` ("fr", "de-CH" → "de"), English when it is not shipped. */
export function mailStrings(locale: string): { locale: Locale; strings: MailStrings } {
  const base = locale.toLowerCase().split("-")[0] ?? "";
  const used = isLocale(base) ? base : DEFAULT_LOCALE;
  return { locale: used, strings: messages(used).mail };
}
