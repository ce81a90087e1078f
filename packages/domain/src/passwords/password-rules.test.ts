import { describe, expect, it } from "vitest";
import { checkNewPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules.ts";

const en = { locale: "en" as const };

// The first check ranks the dictionaries (about a second on a busy machine).
describe("checkNewPassword (docs/decisions/signup.md)", { timeout: 30_000 }, () => {
  it("refuses a password shorter than the minimum, counting characters not bytes", () => {
    expect(checkNewPassword("Zq9!vR2", en)).toEqual({ ok: false, reason: "too_short" });
    expect(PASSWORD_MIN_LENGTH).toBe(8);
    expect(checkNewPassword("ééééééé", en)).toMatchObject({ reason: "too_short" });
  });

  it("allows 64 characters and more, up to the maximum", () => {
    const long = "correct horse battery staple ".repeat(4).slice(0, 64);
    expect(checkNewPassword(long, en)).toMatchObject({ ok: true });
    expect(checkNewPassword("x".repeat(PASSWORD_MAX_LENGTH + 1), en)).toEqual({
      ok: false,
      reason: "too_long",
    });
  });

  it("refuses common and breached-looking passwords with the library's feedback", () => {
    for (const weak of [
      "password1",
      "Password123!",
      "qwertyuiop",
      "iloveyou2024",
      "aaaaaaaaaaaa",
    ]) {
      const verdict = checkNewPassword(weak, en);
      expect(verdict, weak).toMatchObject({ ok: false, reason: "weak" });
    }
    const verdict = checkNewPassword("password1", en);
    if (verdict.ok || verdict.reason !== "weak") throw new Error("expected weak");
    expect(verdict.warning ?? verdict.suggestions.join(" ")).toMatch(/common|password|word/i);
  });

  it("refuses a password built from the user's own email or name", () => {
    const inputs = {
      locale: "en" as const,
      userInputs: ["ada.lovelace@example.com", "Ada Lovelace"],
    };
    expect(checkNewPassword("lovelace2024", inputs)).toMatchObject({ ok: false, reason: "weak" });
  });

  it("accepts a strong passphrase without composition rules (no digit, no symbol)", () => {
    expect(checkNewPassword("violet tractor sings quietly", en)).toMatchObject({ ok: true });
    expect(checkNewPassword("k7#Qm2!xPz9@", en)).toMatchObject({ ok: true });
  });

  it("translates the feedback for French and German", () => {
    const fr = checkNewPassword("password1", { locale: "fr" });
    const de = checkNewPassword("password1", { locale: "de" });
    const english = checkNewPassword("password1", en);
    if (
      fr.ok ||
      de.ok ||
      english.ok ||
      fr.reason !== "weak" ||
      de.reason !== "weak" ||
      english.reason !== "weak"
    )
      throw new Error("expected weak");
    expect(fr.suggestions.length).toBeGreaterThan(0);
    expect(fr.suggestions.join(" ")).not.toBe(english.suggestions.join(" "));
    expect(de.suggestions.join(" ")).not.toBe(english.suggestions.join(" "));
  });
});
