import type { Locale } from "../i18n/locale.ts";
import { translateFeedback } from "./password-feedback.ts";
import { estimateStrength } from "./strength-engine.ts";

/** OWASP ASVS 5.0 §6.2.1 / NIST SP 800-63B §3.1.1.2: at least 8 characters. */
export const PASSWORD_MIN_LENGTH = 8;
/** ASVS §6.2.9 asks to allow at least 64; longer adds nothing but hashing work. */
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn's score (0–4): below 3 is guessable within about 10^8 guesses, refused. */
export const PASSWORD_MIN_SCORE = 3;

export type PasswordVerdict =
  | { ok: true; score: number }
  | { ok: false; reason: "too_short" | "too_long" }
  | { ok: false; reason: "weak"; score: number; warning: string | null; suggestions: string[] };

/**
 * Whether a new password may be set (signup, reset, the portal): its length in characters
 * (code points, after NFKC as it is hashed), and an offline strength estimate against common
 * passwords, dictionaries, keyboard patterns and what the user typed elsewhere (`userInputs`:
 * email, name). No composition rules (ASVS §6.2.5). Feedback is in `locale`.
 */
export function checkNewPassword(
  password: string,
  options: { locale: Locale; userInputs?: readonly string[] },
): PasswordVerdict {
  const length = [...password.normalize("NFKC")].length;
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, reason: "too_short" };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, reason: "too_long" };
  const inputs = (options.userInputs ?? []).flatMap((value) => [value, ...value.split(/[@.\s]+/)]);
  const result = estimateStrength(
    password,
    inputs.filter((v) => v.length >= 3),
  );
  if (result.score >= PASSWORD_MIN_SCORE) return { ok: true, score: result.score };
  return {
    ok: false,
    reason: "weak",
    score: result.score,
    ...translateFeedback(options.locale, result.feedback),
  };
}
