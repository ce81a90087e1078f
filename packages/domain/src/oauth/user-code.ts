import { sha256Hex } from "../crypto/hash.ts";

/** RFC 8628 §6.1: consonants only (no vowels, so no words), upper case, easy to type. */
export const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
export const USER_CODE_LENGTH = 8;

/** A fresh user code of 8 letters (20^8, about 34 bits), without modulo bias. */
export function newUserCode(): string {
  const size = USER_CODE_ALPHABET.length;
  // The largest multiple of the alphabet's size below 256: bytes above it are drawn again.
  const limit = 256 - (256 % size);
  let code = "";
  while (code.length < USER_CODE_LENGTH) {
    for (const byte of crypto.getRandomValues(new Uint8Array(16))) {
      if (byte < limit && code.length < USER_CODE_LENGTH) code += USER_CODE_ALPHABET[byte % size];
    }
  }
  return code;
}

/** How a user code is shown: `XXXX-XXXX` (RFC 8628 §6.1). */
export function formatUserCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * A typed user code as stored: upper case, dashes and spaces dropped (RFC 8628 §6.1: "case
 * insensitive", punctuation ignored); null when it cannot be one of ours.
 */
export function normalizeUserCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== USER_CODE_LENGTH) return null;
  return [...code].every((ch) => USER_CODE_ALPHABET.includes(ch)) ? code : null;
}

/** The store key of a normalised user code. */
export function userCodeKey(code: string): Promise<string> {
  return sha256Hex(`user_code:${code}`);
}
