import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

export const SESSION_COOKIE = "authpi_session";
export const CSRF_COOKIE = "authpi_csrf";
export const DEVICE_COOKIE = "authpi_device";
export const PASSKEY_OFFER_COOKIE = "authpi_passkey_offer";

/** A "Not now" to the passkey offer holds for 30 days in that browser (docs/decisions/sign-in.md). */
export const PASSKEY_OFFER_DISMISSED_S = 30 * 86_400;

/** Secure everywhere except plain-http localhost, where browsers would drop the cookie. */
export function secure(c: Context): boolean {
  const url = new URL(c.req.url);
  return !(url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname));
}

function base(c: Context, issuerId: string) {
  return { path: `/${issuerId}`, httpOnly: true, secure: secure(c), sameSite: "Lax" as const };
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

export function setSessionCookie(c: Context, issuerId: string, value: string, maxAgeS: number) {
  setCookie(c, SESSION_COOKIE, value, { ...base(c, issuerId), maxAge: maxAgeS });
}

export function clearSessionCookie(c: Context, issuerId: string) {
  deleteCookie(c, SESSION_COOKIE, base(c, issuerId));
}

/** The browser's CSRF secret (double-submit, bound to each login request by its hash). */
export function csrfCookie(c: Context): string | undefined {
  return getCookie(c, CSRF_COOKIE);
}

export function setCsrfCookie(c: Context, issuerId: string, value: string) {
  setCookie(c, CSRF_COOKIE, value, { ...base(c, issuerId), maxAge: 86_400 });
}

/** The trusted-device cookie (docs/decisions/throttling.md); only its holder can read it. */
export function deviceCookie(c: Context): string | undefined {
  return getCookie(c, DEVICE_COOKIE);
}

export function setDeviceCookie(c: Context, issuerId: string, value: string, maxAgeS: number) {
  setCookie(c, DEVICE_COOKIE, value, { ...base(c, issuerId), maxAge: maxAgeS });
}

export function passkeyOfferDismissed(c: Context): boolean {
  return getCookie(c, PASSKEY_OFFER_COOKIE) === "dismissed";
}

export function dismissPasskeyOffer(c: Context, issuerId: string) {
  setCookie(c, PASSKEY_OFFER_COOKIE, "dismissed", {
    ...base(c, issuerId),
    maxAge: PASSKEY_OFFER_DISMISSED_S,
  });
}
