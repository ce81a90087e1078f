import { DEFAULT_LOCALE, isLocale, type Locale } from "./locale.ts";

/** Inputs of {@link negotiateLocale}: the raw request values, either may be absent. */
export interface LocaleRequest {
  /** OIDC Core §3.1.2.1 `ui_locales`: BCP 47 tags separated by spaces, preferred first. */
  uiLocales?: string | null;
  /** RFC 9110 §12.5.4 `Accept-Language`: tags with optional q-values. */
  acceptLanguage?: string | null;
}

/**
 * Picks the page language: the first supported tag of `ui_locales` wins, then the
 * highest-weighted supported tag of `Accept-Language`, else "en". A regional tag matches its
 * base language (`fr-CA` → `fr`, RFC 4647 §3.4 lookup).
 */
export function negotiateLocale(input: LocaleRequest): Locale {
  const wanted = [...splitUiLocales(input.uiLocales), ...rankAcceptLanguage(input.acceptLanguage)];
  for (const tag of wanted) {
    const locale = matchTag(tag);
    if (locale) return locale;
  }
  return DEFAULT_LOCALE;
}

function splitUiLocales(value: string | null | undefined): string[] {
  return (value ?? "").split(" ").filter((tag) => tag !== "");
}

/** The tags of an Accept-Language header by descending q, ties in header order; q=0 dropped. */
function rankAcceptLanguage(value: string | null | undefined): string[] {
  const ranges = (value ?? "").split(",").flatMap((part, index) => {
    const [tag = "", ...params] = part.split(";").map((piece) => piece.trim());
    const q = params.find((param) => /^q=/i.test(param));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (tag === "" || tag === "*" || !(weight > 0)) return [];
    return [{ tag, weight, index }];
  });
  return ranges.sort((a, b) => b.weight - a.weight || a.index - b.index).map((r) => r.tag);
}

function matchTag(tag: string): Locale | null {
  const lower = tag.toLowerCase();
  if (isLocale(lower)) return lower;
  const base = lower.split("-")[0] ?? "";
  return isLocale(base) ? base : null;
}
