import { toBase64Url, toHex, utf8 } from "./encoding.ts";

/** SHA-256 of a UTF-8 string, hex encoded (how high-entropy secrets are stored). */
export async function sha256Hex(value: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8(value))));
}

/** SHA-256 of a UTF-8 string, base64url encoded (PKCE S256, RFC 7636 §4.2). */
export async function sha256Base64Url(value: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", utf8(value))));
}

/** Random bytes as base64url: 32 bytes gives a 256-bit secret. */
export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** Whether a string has the shape `randomToken(32)` gives (43 base64url characters). */
export function isRandomTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Compares two strings in time independent of where they differ. */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = utf8(a);
  const right = utf8(b);
  let diff = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}
