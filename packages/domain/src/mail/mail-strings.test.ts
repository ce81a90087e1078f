import { describe, expect, it } from "vitest";
import { shapeOf } from "../i18n/catalogue-shape.ts";
import { mailStrings } from "./mail-strings.ts";

/** Every string leaf of a catalogue area, by its dotted path. */
function leaves(value: unknown, at = ""): [string, string][] {
  if (typeof value === "string") return [[at, value]];
  if (typeof value === "function")
    return [[at, String(value(new Proxy({}, { get: (_, k) => `{${String(k)}}` })))]];
  return Object.entries(value as object).flatMap(([k, v]) => leaves(v, at ? `${at}.${k}` : k));
}

describe("the mail area of the catalogues", () => {
  const en = leaves(mailStrings("en").strings);

  for (const locale of ["fr", "de"]) {
    it(`${locale} has the shape of en and is translated, not copied`, () => {
      const strings = mailStrings(locale).strings;
      expect(shapeOf(strings)).toEqual(shapeOf(mailStrings("en").strings));
      const english = new Map(en);
      // Words German writes as English does.
      const same = leaves(strings).filter(([key, text]) => english.get(key) === text);
      expect(same.map(([key]) => key)).toEqual(locale === "de" ? ["links.support"] : []);
    });
  }

  it("picks the base language of a regional tag and English for one not shipped", () => {
    expect(mailStrings("fr-CA").locale).toBe("fr");
    expect(mailStrings("DE").locale).toBe("de");
    expect(mailStrings("es").locale).toBe("en");
  });
});
