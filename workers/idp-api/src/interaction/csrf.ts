import { randomToken, sha256Hex, timingSafeEqual } from "@authpi/domain/crypto";
import type { Context } from "hono";
import { PageError, type PageText } from "../errors.ts";
import { csrfCookie, setCsrfCookie } from "./cookies.ts";

/** The browser's CSRF secret, set when missing or malformed (double-submit cookie). */
export function ensureCsrf(c: Context, issuerId: string): string {
  const current = csrfCookie(c);
  if (current && /^[A-Za-z0-9_-]{43}$/.test(current)) return current;
  const fresh = randomToken(32);
  setCsrfCookie(c, issuerId, fresh);
  return fresh;
}

/**
 * The form's token must match the browser's cookie and, when the step stored one, the hash
 * parked with the interaction; otherwise the page is refused with 403.
 */
export async function verifyCsrf(
  c: Context,
  submitted: string,
  storedHash: string | null,
  refused: PageText = (t) => t.signIn.invitationFormRefused,
): Promise<void> {
  const cookie = csrfCookie(c) ?? "";
  const ok =
    submitted !== "" &&
    cookie !== "" &&
    timingSafeEqual(submitted, cookie) &&
    (storedHash === null || timingSafeEqual(await sha256Hex(submitted), storedHash));
  if (!ok) throw new PageError(403, (t) => t.common.requestRefusedTitle, refused);
}
