import { Password } from "../users/create-user.ts";

export type NewPasswordCheck = { ok: true } | { ok: false; reason: "too_short" | "too_long" };

/** The rules a chosen password must meet (the same as the Core API's `password` field). */
export function checkNewPassword(password: string): NewPasswordCheck {
  if (Password.safeParse(password).success) return { ok: true };
  return { ok: false, reason: password.length < 8 ? "too_short" : "too_long" };
}
