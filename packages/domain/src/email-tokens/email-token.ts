import { isRandomTokenShaped, randomToken, sha256Hex } from "../crypto/hash.ts";
import type { UserRow } from "../users/user-wire.ts";

/** A password-reset link works for 30 minutes. */
export const PASSWORD_RESET_TTL_MS = 30 * 60_000;
/** An email sign-in code (and its link) works for 10 minutes. */
export const EMAIL_SIGN_IN_TTL_MS = 10 * 60_000;

export interface EmailToken {
  /** The secret that goes into the link; only its hash is stored. */
  token: string;
  tokenHash: string;
  /** The 6-digit code that goes with the link (email sign-in). */
  code: string;
  codeHash: string;
}

/**
 * The code is derived from the link's 256-bit token, so whoever holds the link holds the code
 * and a link opened in another browser can show the code to type in the first one. 48 bits
 * reduced mod 10^6: the bias is below 10^-8.
 */
export async function codeOfToken(token: string): Promise<string> {
  const hex = await sha256Hex(`email-code:${token}`);
  return (Number.parseInt(hex.slice(0, 12), 16) % 1_000_000).toString().padStart(6, "0");
}

/** The stored form of a typed code: bound to its link, so equal codes of two links differ. */
export function codeHashOf(tokenHash: string, code: string): Promise<string> {
  return sha256Hex(`${tokenHash}:${code}`);
}

/** A fresh link token, its code and their hashes. */
export async function newEmailToken(): Promise<EmailToken> {
  const token = randomToken(32);
  const tokenHash = await sha256Hex(token);
  const code = await codeOfToken(token);
  return { token, tokenHash, code, codeHash: await codeHashOf(tokenHash, code) };
}

/** Whether a string looks like a link token (43 base64url characters), before any lookup. */
export function isTokenShaped(token: string): boolean {
  return isRandomTokenShaped(token);
}

/** Where a user's emails go: an email username, else the profile's address; null without. */
export function mailAddressOf(user: UserRow): string | null {
  if (user.usernameType === "email") return user.username;
  const email = (user.profile as Record<string, unknown> | null)?.email;
  return typeof email === "string" && email.includes("@") ? email : null;
}
