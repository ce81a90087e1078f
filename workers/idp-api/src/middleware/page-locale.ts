import { type Locale, type Messages, messages, negotiateLocale } from "@authpi/domain/i18n";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/**
 * Sets the page language for the request: `uiLocales` (OIDC Core §3.1.2.1, from the request or
 * the interaction that remembers it) over `Accept-Language`.
 */
export function useLocale(c: Context, uiLocales: string | null | undefined): void {
  const locale = negotiateLocale({ uiLocales, acceptLanguage: c.req.header("Accept-Language") });
  c.set("locale", locale);
  c.set("t", messages(locale));
}

/**
 * Every page request starts with the language its query's `ui_locales` or its headers ask for.
 * The machine endpoints (JSON or a JWT, never a page) skip it: an error they render has
 * {@link languageOf}'s English.
 */
export const pageLocale = createMiddleware<AppEnv>(async function pageLocale(c, next) {
  useLocale(c, c.req.query("ui_locales"));
  await next();
});

/** The language of a request, for code that holds a plain `Context` (English before the middleware). */
export function languageOf(c: Context): { locale: Locale; t: Messages } {
  const vars = c.var as { locale?: Locale; t?: Messages };
  return vars.locale && vars.t
    ? { locale: vars.locale, t: vars.t }
    : { locale: "en", t: messages("en") };
}

/** The catalogue of a request (see {@link languageOf}). */
export function textsOf(c: Context): Messages {
  return languageOf(c).t;
}
