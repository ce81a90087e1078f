import { describe, expect, it } from "vitest";
import { shapeOf } from "./catalogue-shape.ts";
import { LOCALES, messages } from "./index.ts";

describe("message catalogues", () => {
  const reference = shapeOf(messages("en"));

  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`${locale} has exactly the keys and parameters of en, at every depth`, () => {
      expect(shapeOf(messages(locale))).toEqual(reference);
    });

    it(`${locale} is translated, not a copy of en`, () => {
      const english: Record<string, unknown> = messages("en").signIn;
      const same = Object.entries(messages(locale).signIn).filter(
        ([key, text]) => typeof text === "string" && text === english[key],
      );
      expect(same.map(([key]) => key)).toEqual([]);
    });
  }

  it("tells apart a missing key, an extra nested key and a changed parameter", () => {
    const base = { area: { a: "x", f: ({ n }: { n: string }) => n } };
    expect(shapeOf({ area: { f: base.area.f } })).not.toEqual(shapeOf(base));
    expect(shapeOf({ area: { ...base.area, extra: { deep: "y" } } })).not.toEqual(shapeOf(base));
    expect(shapeOf({ area: { a: "x", f: ({ m }: { m: string }) => m } })).not.toEqual(
      shapeOf(base),
    );
    expect(
      shapeOf({ area: { a: "x", f: ({ n }: { n: string }) => `${n ? "" : ""}` } }),
    ).not.toEqual(shapeOf(base));
  });

  it("fills named values into the text", () => {
    expect(messages("fr").signIn.heading({ issuer: "Acme" })).toBe("Se connecter à Acme");
    expect(messages("de").signIn.invitedByAs({ inviter: "Ada", org: "Acme", title: "Admin" })).toBe(
      "Ada hat Sie eingeladen, Acme als Admin beizutreten.",
    );
  });
});
