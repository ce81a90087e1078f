import { mail as de } from "../i18n/de/mail.ts";
import { mail as en, type MailStrings } from "../i18n/en/mail.ts";
import { mail as fr } from "../i18n/fr/mail.ts";

const BY_LOCALE: Record<string, MailStrings> = { en, fr, de };

/** The emails' strings in `locale` ("fr", "de-CH" → "de"), English when it is not shipped. */
export function mailStrings(locale: string): { locale: string; strings: MailStrings } {
  const base = locale.toLowerCase().split("-")[0] ?? "en";
  const strings = BY_LOCALE[base];
  return strings ? { locale: base, strings } : { locale: "en", strings: en };
}
