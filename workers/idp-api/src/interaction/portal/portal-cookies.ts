import { PORTAL_SESSION_TTL_MS, PORTAL_SIGN_IN_TTL_MS } from "@authpi/domain/portal";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { secure } from "../cookies.ts";

export const PORTAL_COOKIE = "authpi_account";
export const PORTAL_SIGN_IN_COOKIE = "authpi_account_sign_in";

/** Only the portal's own paths receive its cookies (docs/decisions/portal.md). */
function base(c: Context, issuerId: string) {
  const path = `/${issuerId}/account`;
  return { path, httpOnly: true, secure: secure(c), sameSite: "Lax" as const };
}

export function readPortalCookie(c: Context): string | undefined {
  return getCookie(c, PORTAL_COOKIE);
}

export function setPortalCookie(c: Context, issuerId: string, sealed: string) {
  setCookie(c, PORTAL_COOKIE, sealed, {
    ...base(c, issuerId),
    maxAge: PORTAL_SESSION_TTL_MS / 1000,
  });
}

export function clearPortalCookie(c: Context, issuerId: string) {
  deleteCookie(c, PORTAL_COOKIE, base(c, issuerId));
}

export function readSignInCookie(c: Context): string | undefined {
  return getCookie(c, PORTAL_SIGN_IN_COOKIE);
}

export function setSignInCookie(c: Context, issuerId: string, sealed: string) {
  setCookie(c, PORTAL_SIGN_IN_COOKIE, sealed, {
    ...base(c, issuerId),
    maxAge: PORTAL_SIGN_IN_TTL_MS / 1000,
  });
}

export function clearSignInCookie(c: Context, issuerId: string) {
  deleteCookie(c, PORTAL_SIGN_IN_COOKIE, base(c, issuerId));
}
