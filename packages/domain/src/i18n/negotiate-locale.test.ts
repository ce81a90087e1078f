import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./index.ts";

describe("negotiateLocale", () => {
  it("defaults to English when nothing is asked for or nothing is supported", () => {
    expect(negotiateLocale({})).toBe("en");
    expect(negotiateLocale({ uiLocales: null, acceptLanguage: null })).toBe("en");
    expect(negotiateLocale({ uiLocales: "ja es", acceptLanguage: "it, *;q=0.5" })).toBe("en");
  });

  it("takes the first supported ui_locales tag, preferred first", () => {
    expect(negotiateLocale({ uiLocales: "de fr" })).toBe("de");
    expect(negotiateLocale({ uiLocales: "ja  fr de" })).toBe("fr");
  });

  it("lets ui_locales win over Accept-Language", () => {
    expect(negotiateLocale({ uiLocales: "fr", acceptLanguage: "de" })).toBe("fr");
  });

  it("falls back to Accept-Language when no ui_locales tag is supported", () => {
    expect(negotiateLocale({ uiLocales: "ja", acceptLanguage: "de-DE,de;q=0.9" })).toBe("de");
  });

  it("orders Accept-Language by q-value, then by position", () => {
    expect(negotiateLocale({ acceptLanguage: "en;q=0.4, fr;q=0.8, de;q=0.6" })).toBe("fr");
    expect(negotiateLocale({ acceptLanguage: "de;q=0.5, fr;q=0.5" })).toBe("de");
    expect(negotiateLocale({ acceptLanguage: "ja, de;q=0.1" })).toBe("de");
  });

  it("ignores ranges with q=0 and malformed weights", () => {
    expect(negotiateLocale({ acceptLanguage: "fr;q=0, de;q=0.2" })).toBe("de");
    expect(negotiateLocale({ acceptLanguage: "fr;q=abc, de;q=0.2" })).toBe("de");
  });

  it("matches a regional tag to its base language, in any case", () => {
    expect(negotiateLocale({ uiLocales: "fr-CA" })).toBe("fr");
    expect(negotiateLocale({ acceptLanguage: "DE-at;q=0.9" })).toBe("de");
    expect(negotiateLocale({ uiLocales: "EN-gb", acceptLanguage: "fr" })).toBe("en");
  });
});
