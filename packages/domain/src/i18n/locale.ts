/** The languages the hosted pages and emails are written in. */
export type Locale = "en" | "fr" | "de";

/** Every supported locale; the first is the default. */
export const LOCALES: readonly Locale[] = ["en", "fr", "de"];

/** The locale used when nothing the user agent asks for is supported. */
export const DEFAULT_LOCALE: Locale = "en";

/** Whether `value` names a supported locale exactly. */
export function isLocale(value: string): value is Locale {
  return (LOCALES as readonly string[]).includes(value);
}
